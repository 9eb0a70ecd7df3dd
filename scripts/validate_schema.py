"""Validates the report JSON against its JSON Schema: `python3 scripts/validate_schema.py DATA SCHEMA`.

Uses the `jsonschema` package; installs it from PyPI for the current user when it is missing.
"""
import json
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--user", "jsonschema==4.26.0"], check=True)
    import site, importlib
    importlib.reload(site)
    import jsonschema

data_path, schema_path = sys.argv[1], sys.argv[2]
with open(data_path, encoding="utf-8") as f:
    data = json.load(f)
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
for e in errors[:20]:
    print(f"{data_path}: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
if errors:
    sys.exit(f"{len(errors)} schema violations")
print(f"{data_path}: valid against {schema_path}")
