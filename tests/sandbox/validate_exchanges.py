#!/usr/bin/python3
"""Validates the sandbox's recorded exchanges against a vendor's OpenAPI 3.0 document.

SandboxServer appends every request it answers to the file named by
LINKLOOM_SANDBOX_EXCHANGE_LOG, one JSON object a line:
    {"vendor", "method", "path" (below the vendor prefix), "query", "status", "contentType", "body"}
This script matches each exchange of --vendor to the spec's operation (path template and method),
picks the response for the status (exact, then "4XX"-style, then "default") and validates the
body with jsonschema, with $refs resolved against the spec document.

Fails (exit 1, one line per violation) when a body does not validate, an exchange matches no
operation, a status is not documented, or the logs hold no exchange of the vendor at all.
Exit 77 (CTest's SKIP_RETURN_CODE) when the folder holding the spec is absent.

OpenAPI 3.0 translated to JSON Schema 2020-12:
- nullable: true adds null to the type (and to an enum); beside a $ref it allows null.
- $ref siblings are ignored (as OpenAPI 3.0 says), except nullable.
- discriminator + oneOf becomes "if the property is K then the mapped schema" (explicit mapping,
  else the schema name), so permissive variants do not make oneOf ambiguous; the property must
  be one of the mapped values.
- additionalProperties: false on a discriminated variant means "no property beyond those the
  enclosing composed schema and the variant declare" (the generator's allOf idiom, e.g.
  error-base + {type} + variant): it is checked with propertyNames against that set.
- exclusiveMinimum/exclusiveMaximum booleans become the numeric form; writeOnly properties are
  not required in responses; example, xml, externalDocs and x-* are ignored.
- formats checked: date-time (RFC 3339), int32, int64; others (id, text, ...) are not.
- --odata (OData JSON services, e.g. Laserfiche): "@odata.*" control annotations are allowed on
  every object, and a schema marked x-abstract also accepts each schema that extends it with
  allOf (the server answers the derived type: Entry -> Document, Folder, Shortcut), checked as
  the base's properties plus the derived ones.

Usage:
  validate_exchanges.py --spec SPEC [--fallback-spec SPEC] --vendor NAME [--exclude PREFIX]...
                        [--spec-when HEADER=VALUE=SPEC]... [--base-path PATH] [--odata]
                        [--expect-failures] LOG [LOG ...]
--fallback-spec is consulted only for operations the main spec lacks (DevRev: public, then beta).
--expect-failures is the validator's own test: every exchange whose line carries
"expect": "violation" must be refused and every other one accepted.
"""

import argparse
import copy
import json
import os
import re
import sys
import urllib.parse

import jsonschema
import yaml

SKIP = 77
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
ODATA_ANNOTATIONS = {"^@odata\\.": {}}
IGNORED_KEYS = {"example", "examples", "xml", "externalDocs", "discriminator", "nullable",
                "readOnly", "writeOnly", "deprecated"}


def load_document(path):
    with open(path, encoding="utf-8") as handle:
        if path.endswith(".json"):
            return json.load(handle)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(handle, Loader=loader)


class Spec:
    """One OpenAPI document, translated for jsonschema, with its operations by path template."""

    def __init__(self, path, base_path=None, odata=False):
        self.path = path
        self.odata = odata
        self.name = os.path.basename(path)
        self.document = load_document(path)
        if not str(self.document.get("openapi", "")).startswith("3."):
            raise ValueError(f"{path}: not an OpenAPI 3 document")
        self.base_path = base_path if base_path is not None else self._server_base_path()
        self.schemas = self.document.get("components", {}).get("schemas", {})
        self.variants = self._discriminated_variants()
        translated = copy.copy(self.document)
        translated["components"] = dict(self.document.get("components", {}))
        translated["components"]["schemas"] = {
            name: self._translate(self._open_variant(name, schema))
            for name, schema in self.schemas.items()
        }
        if odata:
            for name, schema in self.schemas.items():
                if isinstance(schema, dict) and schema.get("x-abstract"):
                    translated["components"]["schemas"][name] = self._with_subtypes(
                        name, translated["components"]["schemas"][name])
        self.translated = translated
        self.resolver = jsonschema.RefResolver("", translated)
        self.templates = []
        for template, item in self.document.get("paths", {}).items():
            segments = [s for s in template.split("/") if s]
            pattern = "^/" + "/".join(
                "[^/]+" if re.fullmatch(r"\{[^}]+\}", s) else re.escape(s) for s in segments) + "$"
            literal = sum(1 for s in segments if not s.startswith("{"))
            self.templates.append((re.compile(pattern), literal, template, item))
        # Most literal segments first: /Entries/ByPath wins over /Entries/{entryId}.
        self.templates.sort(key=lambda entry: -entry[1])

    def _server_base_path(self):
        servers = self.document.get("servers") or [{}]
        url = servers[0].get("url", "")
        for name, variable in servers[0].get("variables", {}).items():
            url = url.replace("{" + name + "}", str(variable.get("default", "")))
        return urllib.parse.urlparse(url).path.rstrip("/")

    def resolve(self, node):
        for _ in range(64):
            if not isinstance(node, dict) or "$ref" not in node:
                return node
            node = self._pointer(node["$ref"])
        raise ValueError("$ref chain too long")

    def _pointer(self, ref):
        if not ref.startswith("#/"):
            raise ValueError(f"only local $refs are supported: {ref}")
        node = self.document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _mapping(self, node):
        """The discriminator's value -> $ref, explicit mapping first, then schema names."""
        discriminator = node["discriminator"]
        mapping = dict(discriminator.get("mapping") or {})
        targets = set(mapping.values())
        for member in node.get("oneOf", []) + node.get("anyOf", []):
            ref = member.get("$ref")
            if ref and ref not in targets:
                mapping[ref.rsplit("/", 1)[-1]] = ref
        return mapping

    def _discriminated_variants(self):
        """Names of schemas reached through a discriminator (their additionalProperties: false
        is relative to the composed schema; see the module comment)."""
        found = set()

        def walk(node):
            if isinstance(node, dict):
                if isinstance(node.get("discriminator"), dict) and (
                        "oneOf" in node or "anyOf" in node):
                    found.update(ref.rsplit("/", 1)[-1] for ref in self._mapping(node).values())
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.document.get("components", {}).get("schemas", {}))
        walk(self.document.get("paths", {}))
        return found

    def _open_variant(self, name, schema):
        """A discriminated variant without its additionalProperties: false, which the
        discriminator checks against the composed schema instead."""
        if name in self.variants and isinstance(schema, dict) \
                and schema.get("additionalProperties") is False:
            return {key: value for key, value in schema.items() if key != "additionalProperties"}
        return schema

    def declared_properties(self, node, depth=0):
        """Every property name a schema declares directly or through allOf."""
        node = self.resolve(node)
        if not isinstance(node, dict) or depth > 32:
            return set()
        names = set(node.get("properties", {}))
        for member in node.get("allOf", []):
            names |= self.declared_properties(member, depth + 1)
        return names

    def _translate(self, node, inherited=frozenset()):
        if isinstance(node, list):
            return [self._translate(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = {"$ref": node["$ref"]}
            return {"anyOf": [ref, {"type": "null"}]} if node.get("nullable") else ref

        result = {}
        composed = frozenset(inherited | self.declared_properties(node))
        for key, value in node.items():
            if key in IGNORED_KEYS or key.startswith("x-"):
                continue
            if key == "properties":
                result[key] = {name: self._translate(schema) for name, schema in value.items()}
            elif key == "allOf":
                result[key] = [self._translate(member, composed) for member in value]
            elif key in ("anyOf", "oneOf", "items", "not", "additionalProperties"):
                result[key] = self._translate(value)
            elif key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
                bound = "minimum" if key == "exclusiveMinimum" else "maximum"
                if value and bound in node:
                    result[key] = node[bound]
            elif key in ("minimum", "maximum") and node.get("exclusive" + key.capitalize()) is True:
                continue
            else:
                result[key] = value

        if node.get("nullable"):
            if "type" in result:
                result["type"] = [result["type"], "null"]
                if "enum" in result and None not in result["enum"]:
                    result["enum"] = list(result["enum"]) + [None]
            else:
                result = {"anyOf": [result, {"type": "null"}]}
                return result

        if self.odata and result.get("additionalProperties") is False:
            result["patternProperties"] = {**result.get("patternProperties", {}),
                                           **ODATA_ANNOTATIONS}

        required = result.get("required")
        if required:
            write_only = {name for name, schema in node.get("properties", {}).items()
                          if isinstance(schema, dict) and schema.get("writeOnly")}
            result["required"] = [name for name in required if name not in write_only]

        discriminator = node.get("discriminator")
        if isinstance(discriminator, dict) and ("oneOf" in node or "anyOf" in node):
            prop = discriminator["propertyName"]
            mapping = self._mapping(node)
            result.pop("oneOf", None)
            result.pop("anyOf", None)
            branches = list(result.get("allOf", []))
            for value, ref in mapping.items():
                then = {"$ref": ref}
                variant = self.resolve({"$ref": ref})
                if isinstance(variant, dict) and variant.get("additionalProperties") is False:
                    allowed = sorted(composed | self.declared_properties(variant))
                    then = {"allOf": [then, {"propertyNames": {"enum": allowed}}]}
                branches.append({"if": {"properties": {prop: {"const": value}}, "required": [prop]},
                                 "then": then})
            branches.append({"properties": {prop: {"enum": sorted(mapping)}}, "required": [prop]})
            result["allOf"] = branches
        return result

    def _with_subtypes(self, name, base):
        """--odata: the abstract schema `name` (translated: `base`) or any allOf extension."""
        ref = "#/components/schemas/" + name
        variants = [base]
        for schema in self.schemas.values():
            members = schema.get("allOf", []) if isinstance(schema, dict) else []
            if not any(isinstance(m, dict) and m.get("$ref") == ref for m in members):
                continue
            properties = dict(base.get("properties", {}))
            for member in members:
                if isinstance(member, dict) and "$ref" not in member:
                    properties.update({key: self._translate(value)
                                       for key, value in member.get("properties", {}).items()})
            variants.append({"type": "object", "properties": properties,
                             "additionalProperties": False, "patternProperties": ODATA_ANNOTATIONS})
        return {"anyOf": variants} if len(variants) > 1 else base

    def translate_inline(self, node):
        return self._translate(node)

    def operation(self, method, path):
        """(template, operation) for the exchange, or None."""
        if self.base_path:
            if path != self.base_path and not path.startswith(self.base_path + "/"):
                return None
            path = path[len(self.base_path):] or "/"
        for pattern, _, template, item in self.templates:
            if pattern.match(path) and isinstance(item.get(method.lower()), dict):
                return template, item[method.lower()]
        return None


DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
FORMATS = jsonschema.FormatChecker(())


@FORMATS.checks("date-time")
def is_date_time(value):
    return not isinstance(value, str) or bool(DATE_TIME.match(value))


@FORMATS.checks("int32")
def is_int32(value):
    return not isinstance(value, int) or -2**31 <= value < 2**31


@FORMATS.checks("int64")
def is_int64(value):
    return not isinstance(value, int) or -2**63 <= value < 2**63


def response_for(spec, operation, status):
    responses = operation.get("responses", {})
    for key in (str(status), f"{status // 100}XX", f"{status // 100}xx", "default"):
        if key in responses:
            return spec.resolve(responses[key])
    return None


def check_exchange(spec, operation, exchange):
    """A list of violation messages for one exchange (empty: valid)."""
    status = exchange.get("status")
    if not isinstance(status, int):
        return ["the log line has no integer status"]
    response = response_for(spec, operation, status)
    if response is None:
        documented = ", ".join(sorted(operation.get("responses", {})))
        return [f"status {status} is not documented (documented: {documented})"]
    content = response.get("content") or {}
    body = exchange.get("body") or ""
    if not content:
        return [] if not body.strip() else ["the spec documents no body for this status"]
    media = (exchange.get("contentType") or "").split(";")[0].strip().lower()
    entry = content.get(media)
    if entry is None:
        json_types = [key for key in content if key.endswith("json")]
        if media.endswith("json") and json_types:
            entry = content[json_types[0]]
        elif "*/*" in content:
            entry = content["*/*"]
        else:
            return [f"content type {media or '(none)'} is not documented "
                    f"(documented: {', '.join(sorted(content))})"]
    if not media.endswith("json"):
        return []
    schema = entry.get("schema")
    if schema is None:
        return []
    try:
        instance = json.loads(body)
    except ValueError as error:
        return [f"the body is not JSON: {error}"]
    validator = jsonschema.Draft202012Validator(
        spec.translate_inline(schema), resolver=spec.resolver, format_checker=FORMATS)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    messages = []
    for error in errors[:5]:
        best = jsonschema.exceptions.best_match([error])
        location = "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}"
                           for p in best.absolute_path) or "(root)"
        messages.append(f"{location}: {best.message[:300]}")
    return messages


def read_exchanges(paths, vendor):
    exchanges = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    exchange = json.loads(line)
                except ValueError as error:
                    raise ValueError(f"{path}:{number}: not JSON: {error}") from error
                if exchange.get("vendor") == vendor:
                    exchange["_where"] = f"{os.path.basename(path)}:{number}"
                    exchanges.append(exchange)
    return exchanges


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", required=True)
    parser.add_argument("--fallback-spec")
    parser.add_argument("--spec-when", action="append", default=[], metavar="HEADER=VALUE=SPEC",
                        help="check exchanges whose request carried HEADER: VALUE against SPEC "
                             "first (DevRev: x-devrev-scope=beta=devrev-beta.openapi.yaml)")
    parser.add_argument("--vendor", required=True)
    parser.add_argument("--base-path", help="path prefix of the API (default: the servers' path)")
    parser.add_argument("--exclude", action="append", default=[],
                        help="skip exchanges whose path starts with this (e.g. /signin/)")
    parser.add_argument("--odata", action="store_true",
                        help="allow @odata.* annotations and subtypes of x-abstract schemas")
    parser.add_argument("--expect-failures", action="store_true")
    parser.add_argument("logs", nargs="+")
    args = parser.parse_args(argv)

    conditions = []
    for condition in args.spec_when:
        header, value, spec_path = condition.split("=", 2)
        conditions.append((header.lower(), value, spec_path))
    for spec_path in filter(None, (args.spec, args.fallback_spec,
                                   *(path for _, _, path in conditions))):
        if not os.path.isdir(os.path.dirname(os.path.abspath(spec_path))):
            print(f"SKIP: {os.path.dirname(os.path.abspath(spec_path))} is absent, so "
                  f"{args.vendor} exchanges cannot be checked against {os.path.basename(spec_path)}")
            return SKIP

    try:
        specs = [Spec(args.spec, args.base_path, args.odata)]
        if args.fallback_spec:
            specs.append(Spec(args.fallback_spec, args.base_path, args.odata))
        loaded = {}
        conditional = []
        for header, value, spec_path in conditions:
            if spec_path not in loaded:
                loaded[spec_path] = Spec(spec_path, args.base_path, args.odata)
            conditional.append((header, value, loaded[spec_path]))
        exchanges = read_exchanges(args.logs, args.vendor)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"FAIL: {error}")
        return 1

    checked = 0
    by_fallback = 0
    excluded = 0
    violations = []
    wrong_expectations = []
    for exchange in exchanges:
        method = str(exchange.get("method", ""))
        path = str(exchange.get("path", ""))
        if any(path.startswith(prefix) for prefix in args.exclude):
            excluded += 1
            continue
        found = None
        sent = {k.lower(): v for k, v in (exchange.get("requestHeaders") or {}).items()}
        chosen = [spec for header, value, spec in conditional if sent.get(header) == value]
        for index, spec in enumerate(chosen + specs):
            match = spec.operation(method, path)
            if match:
                found = (index, spec, match)
                break
        if found is None:
            problems = [f"no operation {method} {path} in "
                        + " or ".join(spec.name for spec in specs)]
        else:
            index, spec, (template, operation) = found
            problems = check_exchange(spec, operation, exchange)
            by_fallback += int(spec is not specs[0])
        checked += 1
        where = f"{method} {path} -> {exchange.get('status')} ({exchange['_where']})"
        for problem in problems:
            violations.append(f"{where}: {problem}")
        if args.expect_failures and bool(problems) != (exchange.get("expect") == "violation"):
            wrong_expectations.append(
                f"{where}: expected {exchange.get('expect', 'valid')}, got "
                + ("; ".join(problems) if problems else "valid"))

    others = len(specs) > 1 or conditional
    names = specs[0].name + (f" (another spec for {by_fallback})" if others else "")
    if args.expect_failures:
        for line in violations:
            print(f"caught as expected: {line}")
        for line in wrong_expectations:
            print(f"FAIL: {line}")
        if checked == 0:
            print("FAIL: no exchanges in the fixture")
            return 1
        print(f"{args.vendor}: the validator judged {checked} fixture exchanges as expected"
              if not wrong_expectations else f"{args.vendor}: {len(wrong_expectations)} misjudged")
        return 1 if wrong_expectations else 0

    for line in violations:
        print(f"FAIL: {line}")
    if checked == 0:
        print(f"FAIL: no {args.vendor} exchanges in {', '.join(args.logs)}"
              + (f" ({excluded} excluded)" if excluded else ""))
        return 1
    print(f"{args.vendor}: {checked} exchanges validated against {names}"
          + (f", {excluded} excluded" if excluded else "")
          + (f"; {len(violations)} violations" if violations else ""))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
