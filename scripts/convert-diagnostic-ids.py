#!/usr/bin/env python3
"""Rewrite string diagnostic ids into members of the typed catalogue `DiagnosticID`.

Run from the repository root after merging a branch that still writes
`Diagnostic.error("some-id", ...)`:

    scripts/convert-diagnostic-ids.py            # rewrite Sources/ and Tests/ in place
    scripts/convert-diagnostic-ids.py --check    # list string ids left; exit 1 if any
    scripts/convert-diagnostic-ids.py --add-missing
        # also append ids the catalogue lacks to Sources/Anslag/Diagnostics/DiagnosticID.swift
        # (undocumented: the catalogue test fails until docs/diagnostics.md describes them)

What it rewrites (kebab-case raw value -> camelCase member; the raw value is unchanged, so
printed output and corpus `expect:` lines stay the same):

    .error("wrong-type", ...)          -> .error(.wrongType, ...)   (also Diagnostic.error, .warning)
    Diagnostic(.warning, "x-y", ...)   -> Diagnostic(.warning, .xY, ...)
    .id == "x-y"  /  .id != "x-y"      -> .id == .xY  /  .id != .xY   (ids in the catalogue only)
    .map(\.id) == ["x-y", ...]         -> .map(\.id.rawValue) == ["x-y", ...]

It does not judge meaning: an id used for two different problems must be split by hand.
The script is a tool for maintainers and is not part of the build.
"""
import os
import re
import sys

ROOT = os.getcwd()
CATALOGUE = os.path.join("Sources", "Anslag", "Diagnostics", "DiagnosticID.swift")
END_MARKER = "    // End of the catalogue: convert-diagnostic-ids.py --add-missing appends above this line."
SWIFT_KEYWORDS = {"internal", "public", "private", "default", "case", "in", "is", "as", "return",
                  "import", "let", "var", "func", "class", "struct", "enum", "protocol", "extension",
                  "static", "switch", "where", "while", "for", "if", "else", "do", "try", "throw",
                  "throws", "repeat", "break", "continue", "true", "false", "nil", "self", "super",
                  "init", "deinit", "subscript", "operator", "typealias", "associatedtype", "fileprivate",
                  "open", "guard", "defer", "fallthrough", "rethrows", "catch", "inout", "any", "some"}

ID = r'"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)"'
PATTERNS = [
    # .error("id" / Diagnostic.error("id" / .warning("id" / .note("id"
    re.compile(r'((?:\bDiagnostic)?\.(?:error|warning|note)\(\s*)' + ID),
    # Diagnostic(.error, "id"
    re.compile(r'(\bDiagnostic\(\s*\.(?:error|warning|note)\s*,\s*)' + ID),
    # diagnostic.id == "id", $0.id != "id", errors.first?.id == "id" (only ids already in the
    # catalogue: `$0.id == "x"` may just as well compare a region's or an agreement's id)
    re.compile(r'((?:\$\d|\b\w+\??)\.id\s*(?:==|!=)\s*)' + ID),
]


def camel(raw):
    head, *rest = raw.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def member(raw):
    name = camel(raw)
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def catalogue_ids():
    if not os.path.exists(CATALOGUE):
        sys.exit(f"{CATALOGUE} not found: run from the repository root")
    text = open(CATALOGUE, encoding="utf-8").read()
    return set(re.findall(r'^\s*case\s+`?\w+`?\s*=\s*"([a-z0-9-]+)"', text, re.M))


def swift_files():
    for top in ("Sources", "Tests"):
        for folder, _, files in os.walk(top):
            for name in sorted(files):
                path = os.path.join(folder, name)
                if name.endswith(".swift") and path != CATALOGUE:
                    yield path


def main():
    check = "--check" in sys.argv
    add_missing = "--add-missing" in sys.argv
    known = catalogue_ids()
    found = {}  # raw id -> [path:line]
    changed = 0
    for path in swift_files():
        text = open(path, encoding="utf-8").read()
        new = text
        for pattern in PATTERNS:
            for m in pattern.finditer(text):
                if pattern is PATTERNS[2] and m.group(2) not in known:
                    continue
                found.setdefault(m.group(2), []).append(f"{path}:{text.count(chr(10), 0, m.start()) + 1}")

            def replace(m):
                raw = m.group(2)
                if raw in known or (add_missing and pattern is not PATTERNS[2]):
                    return m.group(1) + "." + camel(raw)
                return m.group(0)
            new = pattern.sub(replace, new)
        # A list of ids compared with string literals compares raw values.
        new = re.sub(r'\.map\(\\\.id\)(\s*[!=]=\s*\[\s*")', r'.map(\\.id.rawValue)\1', new)
        if new != text and not check:
            open(path, "w", encoding="utf-8").write(new)
            changed += 1
    missing = sorted(set(found) - known)
    if check:
        for raw in sorted(found):
            print(f"string id '{raw}' at {', '.join(found[raw])}")
        sys.exit(1 if found else 0)
    if missing and add_missing:
        text = open(CATALOGUE, encoding="utf-8").read()
        if END_MARKER not in text:
            sys.exit(f"{CATALOGUE}: the end marker line is missing; add the cases by hand")
        cases = "".join(f"    /// Undocumented: added by convert-diagnostic-ids.py; describe it here and in docs/diagnostics.md.\n"
                        f"    case {member(raw)} = \"{raw}\"\n" for raw in missing)
        open(CATALOGUE, "w", encoding="utf-8").write(text.replace(END_MARKER, cases + END_MARKER))
        print(f"added {len(missing)} ids to {CATALOGUE}: {', '.join(missing)}")
    elif missing:
        for raw in missing:
            print(f"not in the catalogue, left as a string: '{raw}' at {', '.join(found[raw])}", file=sys.stderr)
        print("rerun with --add-missing to add them, or rename them to an existing id", file=sys.stderr)
    print(f"rewrote {changed} files")
    sys.exit(1 if missing and not add_missing else 0)


if __name__ == "__main__":
    main()
