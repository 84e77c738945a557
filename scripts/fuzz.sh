#!/usr/bin/env bash
# Fuzzes a live node from its own OpenAPI document with schemathesis (PyPI): every operation, every
# check, all phases (coverage, fuzzing, stateful), 50 examples per operation, a fixed seed. The
# few widened expectations are in .ci/schemathesis.toml with their reasons. Fails on any finding,
# if the node dies, or if its ledger does not verify afterwards.
#
# Left out: the peer-only routes /v1/federation/* (they accept only requests signed with a peer
# node's Ed25519 key under RFC 9421, which schemathesis cannot make; the federation and peer
# request tests drive them with real signatures, and this script checks once that an unsigned
# request is refused).
#
# One check left out: ensure_resource_availability ("created resource not found"). The operations on
# a lot just created also name other things in their bodies (equipment, material lots), and a 404
# naming such a field (`"field": "equipmentId"`) is that thing missing, not the lot; the check cannot
# tell them apart, and its per-operation switch does not reach the stateful phase. That a lot,
# equipment or agreement is found right after its creation is checked by the router and service tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/debug/ctn
[ -x "$bin" ] || swift build --product ctn

python3 -c "import schemathesis" >/dev/null 2>&1 || scripts/setup.sh --test

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$bin" init --data "$work/node" --node-id fuzz-node >/dev/null
token=$("$bin" tenant add --data "$work/node" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$bin" serve --data "$work/node" --port "$port" --insecure-http >"$work/serve.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

# Some data for the operations to find: equipment with an intensity, a completed lot shipped to
# nobody, an open lot.
call() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -X "$1" "$base$2" ${3:+-d "$3"}; }
equipment=$(call POST /v1/equipment '{"activityUnit":"min"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["equipmentId"])')
call PUT "/v1/equipment/$equipment/intensity" '{"intensity":0.25,"unit":"kg-CO2e/min"}' >/dev/null
lot=$(call POST /v1/lots '{"declaredUnit":"kg"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["lotId"])')
call POST "/v1/lots/$lot/material-uses" '{"category":"steel-s45c","quantity":10,"unit":"kg"}' >/dev/null
call POST "/v1/lots/$lot/equipment-uses" "{\"equipmentId\":\"$equipment\",\"activity\":30,\"unit\":\"min\"}" >/dev/null
call POST "/v1/lots/$lot/completion" '{"completed":10}' >/dev/null
call POST /v1/lots '{"declaredUnit":"piece"}' >/dev/null

unsigned=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{"lots":[]}' "$base/v1/federation/lots")
[ "$unsigned" = 401 ] || { echo "fuzz: an unsigned peer request got $unsigned, not 401" >&2; exit 1; }

status=0
(cd .ci && python3 -m schemathesis.cli --config-file schemathesis.toml run "$base/openapi.json" \
  --checks all --exclude-checks ensure_resource_availability --header "Authorization: Bearer $token" --max-examples 50 --seed 1 \
  --exclude-path-regex '^/v1/federation/') || status=$?

curl -sf "$base/healthz" >/dev/null || { echo "fuzz: the node is gone" >&2; cat "$work/serve.log" >&2; exit 1; }
kill "$pid"
wait "$pid" 2>/dev/null || true
"$bin" ledger verify --data "$work/node" >/dev/null || { echo "fuzz: the ledger does not verify after fuzzing" >&2; exit 1; }
[ "$status" -eq 0 ] || { echo "fuzz: schemathesis found failures (exit $status)" >&2; exit "$status"; }
echo "fuzz: schemathesis passed; the node is alive and its ledger verifies"
