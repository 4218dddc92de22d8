"""jambonz's own verb specifications (@jambonz/verb-specifications on npm) as a JSON Schema.

The package describes each verb in a small format of its own (`"text": "string|array"`,
`"say": "#say"`, `"target": ["#target"]`, `{"type": "string", "enum": [...]}`) and its validator
refuses unknown properties and missing required ones; the schema below says the same, so Python's
jsonschema checks every document the hotline sends exactly as jambonz would.
"""

import json
import os
from functools import lru_cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

SPECS = Path(__file__).resolve().parents[2] / "node_modules/@jambonz/verb-specifications/specs.json"
MISSING = "the jambonz verb schemas are not installed: run `npm ci` (@jambonz/verb-specifications)"


def property_schema(spec):
    if isinstance(spec, list):
        return {"type": "array", "items": property_schema(spec[0])}
    if isinstance(spec, dict):
        return {key: spec[key] for key in ("type", "enum") if key in spec}
    if spec.startswith("#"):
        return {"$ref": f"#/$defs/{spec[1:]}"}
    return {"type": [kind.strip() for kind in spec.split("|")]}


def type_schema(spec):
    return {
        "type": "object",
        "properties": {**{k: property_schema(v) for k, v in spec["properties"].items()}, "_": {"type": "object"}},
        "required": spec.get("required", []),
        "additionalProperties": False,
    }


@lru_cache(maxsize=1)
def schemas():
    """{verb name: its JSON Schema}, every nested type reachable through $defs."""
    if not SPECS.exists():
        # A developer without Node skips these; CI (.ci/run) must check every jambonz document.
        if os.environ.get("JAMBONZ_SCHEMAS_REQUIRED"):
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    specs = json.loads(SPECS.read_text())
    defs = {name: type_schema(spec) for name, spec in specs.items()}
    return {name: Draft202012Validator({"$ref": f"#/$defs/{name}", "$defs": defs}) for name in specs}


def check_application(document):
    """Refuse, with jambonz's reasons, a document jambonz's schemas would refuse."""
    assert isinstance(document, list), "a jambonz application is a JSON array of verbs"
    for verb in document:
        assert isinstance(verb, dict) and "verb" in verb, f"not a verb: {verb!r}"
        name = verb["verb"]
        assert name in schemas(), f"jambonz has no verb {name!r}"
        body = {key: value for key, value in verb.items() if key != "verb"}
        errors = [error.message for error in schemas()[name].iter_errors(body)]
        assert not errors, f"jambonz would refuse this {name}: {'; '.join(errors)}\n{json.dumps(verb)[:400]}"
