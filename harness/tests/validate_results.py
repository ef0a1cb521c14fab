#!/usr/bin/env python3
"""Validates results.json files against harness/schema/results.schema.json with Debian's
python3-jsonschema (a real JSON Schema 2020-12 validator, formats checked too).
usage: validate_results.py SCHEMA FILE...   exit 0 when every file is valid, 1 otherwise."""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    failed = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print(f"{path}: {where}: {e.message}", file=sys.stderr)
        failed += bool(errors)
        if not errors:
            print(f"validate_results: {path} is valid against {argv[1]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
