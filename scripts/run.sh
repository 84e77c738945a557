#!/usr/bin/env bash
# The main job: install what is missing, build, and run a local federation of three nodes
# (steel supplier, parts maker, assembler), each its own HTTPS server process on loopback, with a
# supply chain loaded through the public API and the final product's trace printed.
# Data goes to ./demo-data (or $CTN_DEMO_DATA); ports 8443-8445 (or $PORT..$PORT+2).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product ctn
exec .build/release/ctn federation demo --data "${CTN_DEMO_DATA:-./demo-data}" --port "${PORT:-8443}"
