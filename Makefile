# Ketamine Evidence Explorer. `make run` opens the app, `make test` runs every test;
# both install what they need first.
BIN := ketamine-explorer
GO  ?= go

.PHONY: all deps build run test db screenshots clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

test: deps
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# Rebuild the bundled database after editing data/evidence/*.json.
db:
	$(GO) run ./scripts/builddb -evidence data/evidence -out resources/evidence.sqlite

# Screenshots of the real window for the README (needs xvfb and imagemagick).
screenshots: build
	scripts/screenshots.sh docs

clean:
	rm -f $(BIN)
