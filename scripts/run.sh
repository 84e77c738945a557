#!/usr/bin/env bash
# The main job: install what is missing, build, and run a node loaded with the CTN white paper's
# worked example. Data goes to ./demo-data (or $CTN_DEMO_DATA); the port is 8080 (or $PORT).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product ctn
exec .build/release/ctn demo --data "${CTN_DEMO_DATA:-./demo-data}" --port "${PORT:-8080}"
