#!/usr/bin/env bash
# Every test: install what is missing, build, run unit, router and integration tests (the
# integration tests start real `ctn serve` processes on loopback and stop them).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
swift build --build-tests
swift test --skip-build
