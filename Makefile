# Ketamine Evidence Explorer. `make run` opens the app, `make test` runs every test;
# both install what they need first.
BIN := ketamine-explorer
GO  ?= go
# SQLite with FTS5: the evidence database's full-text search index needs it.
export GOFLAGS := -tags=sqlite_fts5
# The Go release go.mod names (its toolchain line: the standard library's security fixes),
# fetched by the go command from the module proxy when the installed Go is older.
export GOTOOLCHAIN := auto

.PHONY: all deps build run test race fuzz offline-check db dataset dataset-release synth bench screenshots lint dist dist-check repro-check clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

test:
	@scripts/install-deps.sh test
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# The tests of every package that can run under the race detector. Not the window's (ui):
# Fyne 2.7's test driver runs fyne.Do on the calling goroutine, so a test that works the
# window while a background job reports progress races inside Fyne itself, where the app
# runs both on the UI goroutine.
race:
	@scripts/install-deps.sh test
	$(GO) test -race -count=1 -timeout 30m $$($(GO) list ./... | grep -v '/ui$$')

# The fuzz targets, each for a bounded number of runs (about 20 s each here; seed corpora in
# testdata/fuzz of each package). Counts, not durations: with a duration, Go 1.26's fuzz
# coordinator can report a spurious "context deadline exceeded" when time is up
# (golang/go#75804). FUZZSCALE multiplies every count.
FUZZSCALE ?= 1
fuzz: deps
	$(GO) test -run '^$$' -fuzz '^FuzzOpen$$' -fuzztime $$((40000 * $(FUZZSCALE)))x ./data
	$(GO) test -run '^$$' -fuzz '^FuzzOpenSchema$$' -fuzztime $$((1500 * $(FUZZSCALE)))x ./data
	# one worker: an input opens, shows and exports a whole indication (1-3 s, the handout's
	# charts most of it); two workers on two cores pushed one past Go's 10 s limit per input,
	# reported as a hung fuzzing process
	$(GO) test -run '^$$' -fuzz '^FuzzOpenMutated$$' -fuzztime $$((200 * $(FUZZSCALE)))x -parallel 1 ./cli
	$(GO) test -run '^$$' -fuzz '^FuzzSearch$$' -fuzztime $$((1000 * $(FUZZSCALE)))x ./evidence
	$(GO) test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $$((100000 * $(FUZZSCALE)))x ./csvimport
	$(GO) test -run '^$$' -fuzz '^FuzzPool$$' -fuzztime $$((300000 * $(FUZZSCALE)))x ./pooling
	# the window's long random walk of filters, drop-downs, indications, tabs and search
	KEE_LONG_WALKS=1 $(GO) test -count=1 -run '^TestFiltersInAnyOrder$$' ./ui

# The CLI and the window run with no network and must not try to use one (needs root).
offline-check: deps
	scripts/offline-check.sh

# Rebuild the bundled database after editing data/evidence/*.json.
db:
	$(GO) run ./scripts/builddb -evidence data/evidence -out resources/evidence.sqlite

# The evidence release file (dist/dataset/evidence-VERSION.sqlite), built from
# data/evidence: it must be byte for byte the bundled database (CI checks it).
dataset:
	$(GO) run ./scripts/dataset

# The release file signed (minisign format) with the secret key in the file named by
# $EVIDENCE_SIGNING_KEY_FILE, given at release time and never kept in the repository;
# SHA256SUMS beside it.
dataset-release:
	@test -n "$$EVIDENCE_SIGNING_KEY_FILE" || { echo "dataset-release: set EVIDENCE_SIGNING_KEY_FILE to the release's secret key file" >&2; exit 2; }
	$(GO) run ./scripts/dataset -key "$$EVIDENCE_SIGNING_KEY_FILE"

# A synthetic database of 10,000 studies and 100,000 outcomes (out/, never bundled).
synth:
	$(GO) run ./scripts/synth -studies 10000 -out out/synthetic-10000.sqlite

# Every speed measurement, written to BENCHMARKS.md (about 8 minutes here).
bench:
	@scripts/install-deps.sh bench
	$(GO) run ./scripts/bench

# Lint the GitHub workflows and the Go code (staticcheck type-checks the cgo packages, so
# it needs the build's C headers), check that go.mod and go.sum are tidy, and look for
# known vulnerabilities in the code the app calls (govulncheck, offline: scripts/vulncheck.sh).
lint: deps
	$(GO) run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
	$(GO) mod tidy -diff
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.7.0 ./...
	scripts/vulncheck.sh

# Installers for Linux (.tar.xz, .deb, .rpm) and Windows (per-user NSIS setup, per-machine
# MSI, portable zip) in dist/, with a CycloneDX SBOM and SHA256SUMS; macOS ones are built by
# .github/workflows/macos.yml.
dist:
	scripts/dist.sh

# Smoke tests of the installers in dist/ (.deb and .rpm unpacked; NSIS setup and MSI
# under Wine; AppStream metadata and SBOM checked).
dist-check:
	scripts/dist-check.sh

# Two clean builds of the last commit give byte-identical Linux artefacts (needs the tools
# `make dist` installs; the second build compiles everything afresh: about 5 minutes).
repro-check:
	scripts/repro-check.sh

# Screenshots of the real window for the README (needs xvfb and imagemagick).
screenshots: build
	scripts/screenshots.sh docs

clean:
	rm -rf $(BIN) dist
