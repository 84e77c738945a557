#!/usr/bin/env python3
"""Validates PACT product footprints against the schemas extracted from the official OpenAPI
documents (Tests/Fixtures/pact/). Usage: pact-validate.py 2.3|3.0 FILE, FILE holding a list
answer ({"data": [...]}), a single answer ({"data": {...}}) or one footprint. Prints one line per
footprint; exits 1 if any fails."""
import json, os, sys
from jsonschema import Draft202012Validator, FormatChecker

version, path = sys.argv[1], sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "pact")
schema = json.load(open(os.path.join(root, f"v{version}.schema.json")))
validator = Draft202012Validator(schema, format_checker=FormatChecker())
doc = json.load(open(path))
items = doc["data"] if isinstance(doc, dict) and "data" in doc else doc
items = items if isinstance(items, list) else [items]
failed = 0
for item in items:
    errors = sorted(validator.iter_errors(item), key=lambda e: list(e.path))
    for e in errors[:5]:
        print(f"FAIL {item.get('id')}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
    if errors:
        failed += 1
    else:
        print(f"ok {item.get('id')}")
print(f"{len(items)} footprints, {failed} invalid")
sys.exit(1 if failed or not items else 0)
