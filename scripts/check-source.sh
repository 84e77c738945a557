#!/usr/bin/env bash
# Source rules the test command enforces (issue 9): files of at most 400 lines; no force-unwrap,
# `try!`, `as!` or `fatalError` in the modules a request passes through, nor force-unwraps in tests;
# no `@unchecked Sendable` in Sources;
# one top-level type per file; a `///` summary on every public type; swift-format's lint clean.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
complain() { echo "check-source: $*" >&2; fail=1; }

# Modules a request or a peer's answer passes through.
request_path=(CTNModel CTNEngine CTNLedger CTNStore CTNSQLite CTNService CTNFederation CTNTrace CTNNode CurlHTTP CTNTLS)

while IFS= read -r f; do
  n=$(wc -l < "$f")
  [ "$n" -le 400 ] || complain "$f has $n lines (at most 400)"
done < <(find Sources -name '*.swift')

for m in "${request_path[@]}"; do
  # Outside comments and string literals: `x!`, `x!.`, `try!`, `as!`, `fatalError(`.
  while IFS= read -r hit; do
    complain "force-unwrap, try!, as! or fatalError on a request path: $hit"
  done < <(grep -rnE '(try!|as!|fatalError\(|[]A-Za-z0-9_)]!([^=]|$))' "Sources/$m" --include='*.swift' \
    | grep -vE '^[^:]+:[0-9]+:\s*//' | grep -vE '"[^"]*[A-Za-z0-9_)]![^"]*"' || true)
done

# Tests unwrap with `try #require`, so a missing value fails the test instead of the test process.
while IFS= read -r hit; do
  complain "force-unwrap or try! in a test (use try #require): $hit"
done < <(grep -rnE '(try!|[]A-Za-z0-9_)]!([^=]|$))' Tests --include='*.swift' | grep -vE '^[^:]+:[0-9]+:\s*//' \
  | grep -vE '"[^"]*[A-Za-z0-9_)]![^"]*"' || true)

while IFS= read -r hit; do complain "unchecked Sendable: $hit"; done < <(grep -rn '@unchecked Sendable' Sources --include='*.swift' || true)

while IFS= read -r f; do
  n=$(grep -cE '^(@[A-Za-z]+ )*(public |package |internal |private |fileprivate )?(final )?(struct|enum|class|protocol|actor) ' "$f" || true)
  [ "$n" -le 1 ] || complain "$f declares $n top-level types (one per file)"
  # Every public type has a one-line doc comment right above it (attributes may sit between).
  awk -v f="$f" '
    /^[[:space:]]*\/\/\// { doc = NR; next }
    /^[[:space:]]*@/ { if (doc == NR - 1) doc = NR; next }
    /^[[:space:]]*public (final )?(struct|enum|class|protocol|actor) / {
      if (doc != NR - 1) { printf "check-source: %s:%d: public type without a /// summary\n", f, NR; bad = 1 }
    }
    END { exit bad }' "$f" >&2 || fail=1
done < <(find Sources -name '*.swift')

if swift format --version >/dev/null 2>&1; then
  if ! out=$(swift format lint --strict --recursive --parallel Sources Tests 2>&1); then
    echo "$out" | head -40 >&2
    complain "swift format lint found $(echo "$out" | grep -c 'warning\|error') issues (run: swift format --in-place --recursive --parallel Sources Tests)"
  fi
fi

[ "$fail" -eq 0 ] && echo "check-source: all rules hold"
exit "$fail"
