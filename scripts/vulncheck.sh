#!/usr/bin/env bash
# govulncheck over the module, offline: the Go vulnerability database's own server is not
# reachable from CI, but its source, golang.org/x/vulndb, is a Go module. Its OSV reports
# are indexed into a local database (kept in .tools/ per version) that govulncheck reads
# with -db file://. Exits non-zero when a vulnerability reaches code the app calls.
set -euo pipefail
cd "$(dirname "$0")/.."
GOVULNCHECK=golang.org/x/vuln/cmd/govulncheck@v1.9.0
version=$(go list -m -json golang.org/x/vulndb@latest | sed -n 's/^[[:space:]]*"Version": "\(.*\)",*/\1/p')
src=$(go mod download -json "golang.org/x/vulndb@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*/\1/p')
db=$PWD/.tools/vulndb/$version
if [[ ! -f $db/index/db.json ]]; then
  rm -rf "$PWD/.tools/vulndb"
  mkdir -p "$(dirname "$db")"
  go run "golang.org/x/vulndb/cmd/indexdb@$version" -vulns "$src/data/osv" -out "$db.tmp"
  mv "$db.tmp" "$db"
fi
echo "vulncheck: Go vulnerability database golang.org/x/vulndb@$version"
go run "$GOVULNCHECK" -db "file://$db" ./...
