"""The differential oracle's other side: PyYAML's SafeLoader (pure Python, a separate implementation of YAML
and of `<<` merges) loads each of DIRECTORY/0.yaml … DIRECTORY/(COUNT-1).yaml and prints one JSON line per
document, in order: {"ok": VALUE} or {"error": "ExceptionClass: message"}.

VALUE is typed so that nothing is lost in JSON: ["null"], ["bool", b], ["int", "decimal text"], ["float", f]
(or "inf"/"-inf"/"nan"), ["str", s], ["other", "type: repr"] (timestamps, binary…), ["seq", [VALUE…]] and
["map", [[KEY, VALUE]…]] where KEY is a VALUE too.

    python3 scripts/lib/yaml_oracle.py DIRECTORY COUNT
"""
import json
import math
import sys

import yaml


def typed(value):
    if value is None:
        return ["null"]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        if math.isnan(value):
            return ["float", "nan"]
        if math.isinf(value):
            return ["float", "inf" if value > 0 else "-inf"]
        return ["float", value]
    if isinstance(value, str):
        return ["str", value]
    if isinstance(value, list):
        return ["seq", [typed(item) for item in value]]
    if isinstance(value, dict):
        return ["map", [[typed(key), typed(item)] for key, item in value.items()]]
    if isinstance(value, tuple):
        return ["seq", [typed(item) for item in value]]
    return ["other", f"{type(value).__name__}: {value!r}"]


def main():
    directory, count = sys.argv[1], int(sys.argv[2])
    out = sys.stdout
    for index in range(count):
        with open(f"{directory}/{index}.yaml", "rb") as handle:
            text = handle.read()
        try:
            result = {"ok": typed(yaml.load(text, Loader=yaml.SafeLoader))}
        except RecursionError as error:
            result = {"error": f"RecursionError: {error}"}
        except yaml.YAMLError as error:
            result = {"error": f"{type(error).__name__}: {error}"}
        except Exception as error:  # an unhashable key and the like: still a refusal
            result = {"error": f"{type(error).__name__}: {error}"}
        out.write(json.dumps(result, ensure_ascii=True))
        out.write("\n")


if __name__ == "__main__":
    main()
