"""Checks that Swift's results equal numpy's before their times are compared.

Usage: same.py NAME SWIFT_JSON NUMPY_JSON: each a JSON value, numbers compared with a relative
tolerance of 1e-6 (the two sides sum in other orders), "Infinity"/"NaN" strings (how the
experiments write them) equal to the floats. Exits 1, saying where they differ, when they do not.
"""
import json, math, sys

def number(x):
    return float(x) if isinstance(x, str) and x in ("Infinity", "-Infinity", "NaN") else x

def differences(a, b, path="$"):
    a, b = number(a), number(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if math.isnan(a) and math.isnan(b) or a == b:
            return []
        if math.isfinite(a) and math.isfinite(b) and abs(a - b) <= 1e-6 * max(abs(a), abs(b)):
            return []
        return [f"{path}: Swift {a!r}, numpy {b!r}"]
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a)} against {sorted(b)}"]
        return [d for k in a for d in differences(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} values against {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: Swift {a!r}, numpy {b!r}"]

name, swift, numpy = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
found = differences(swift, numpy)
if found:
    print(f"{name}: Swift's results differ from numpy's, so their times are not compared:",
          *found[:10], sep="\n  ", file=sys.stderr)
    sys.exit(1)
