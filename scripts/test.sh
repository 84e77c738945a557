#!/usr/bin/env bash
# Every test: install what is missing, build, run unit, router and integration tests (the
# integration tests start real `ctn serve` processes on loopback and stop them).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
# Source rules first: they take seconds and name what to fix.
scripts/check-source.sh
swift build --build-tests
# A private PostgreSQL server on loopback for the PostgreSQL tests, stopped however the run ends.
pg=$(mktemp -d)
trap 'scripts/postgres.sh stop "$pg/cluster" >/dev/null 2>&1 || true; rm -rf "$pg"' EXIT
chmod 755 "$pg"  # the server runs as the postgres user when this is root
CTN_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg/cluster")
export CTN_TEST_POSTGRES_URL CTN_TEST_POSTGRES_DIR="$pg/cluster"
# One test at a time: the integration tests block while real node processes work, and timing
# checks (trace deadlines) must not depend on what else happens to run beside them.
swift test --skip-build --no-parallel
# The store and service tests again, each on a new database of that PostgreSQL server.
CTN_TEST_STORE=postgresql swift test --skip-build --no-parallel --filter 'CTNServiceTests|RecordTests|HeldAndAdminTests|SessionTests'
# An outside fuzzer against a live node, from the node's own OpenAPI document (about 75 s).
scripts/fuzz.sh
# The web console in real headless Chromium against three real nodes (about 25 s).
python3 Tests/Browser/console_test.py
