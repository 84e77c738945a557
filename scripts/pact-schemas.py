#!/usr/bin/env python3
"""Extracts the structure of the official PACT OpenAPI documents (v2.3.3, v3.0.3) into JSON Schemas
for the tests: types, required fields, patterns, formats, enums and bounds only; every description,
title, summary, example and x- annotation is left out. Run once when the specification changes:

    python3 scripts/pact-schemas.py OPENAPI-v2.3.3.yaml OPENAPI-v3.0.3.yaml

It writes Tests/Fixtures/pact/v2.3.schema.json and v3.0.schema.json (all components, with a
ProductFootprint root)."""
import json, os, sys
import yaml

DROP = {"description", "title", "summary", "example", "examples", "x-rule", "x-enum", "externalDocs", "deprecated", "readOnly", "writeOnly", "x-deprecated"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP and not k.startswith("x-")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "pact")
    for path, name in zip(sys.argv[1:3], ("v2.3", "v3.0")):
        spec = yaml.safe_load(open(path))
        schemas = strip(spec["components"]["schemas"])
        text = json.dumps({"$defs": schemas, "$ref": "#/$defs/ProductFootprint"}, indent=1, sort_keys=True)
        text = text.replace("#/components/schemas/", "#/$defs/")
        with open(os.path.join(out, f"{name}.schema.json"), "w") as f:
            f.write(text + "\n")
        print(name, len(schemas), "schemas")


if __name__ == "__main__":
    main()
