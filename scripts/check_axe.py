#!/usr/bin/env python3
"""axe-core in headless Chromium over a representative set of pages.

Usage: check_axe.py OUTPUT_DIR [PAGE ...]

PAGE is a path relative to OUTPUT_DIR. Without any, the pages are index.html
plus, when they exist, the first overenskommelser/*/index.html,
regioner/jamtland-harjedalen/index.html,
regioner/jamtland-harjedalen/2024/index.html and jamfor/index.html (missing
ones are skipped with a note; index.html is required).

OUTPUT_DIR is served on 127.0.0.1 on a free port for the duration of the run,
so that relative links, styles and scripts load as on the real site. Each page
is loaded in Chromium (Debian's chromium + chromium-driver, through
Selenium), axe.min.js is injected and run with the WCAG 2.0/2.1 A and AA
rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa). Any violation fails the
check; "incomplete" results (needing a human to review) are counted but do
not fail.

axe.min.js comes from $AXE_JS if set, else from the copy that
scripts/setup-site-checks installs (PyPI package axe-playwright-python).
Exit status 0 when no page has a violation, 1 otherwise.
"""

import functools
import glob
import http.server
import importlib.util
import os
import signal
import sys
import threading

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_LOAD_TIMEOUT = 30     # seconds per page load
SCRIPT_TIMEOUT = 60        # seconds for one axe.run
TOTAL_TIMEOUT = int(os.environ.get("AXE_TOTAL_TIMEOUT", "600"))
MAX_NODES_SHOWN = 10
AXE_PACKAGE_DIR = "axe-playwright-python-0.1.8"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},
                   resultTypes: ['violations', 'incomplete']})
  .then(r => done({ok: true, version: axe.version,
                   violations: r.violations.map(v => ({
                     id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                     nodes: v.nodes.map(n => ({target: n.target,
                                               summary: n.failureSummary}))})),
                   incomplete: r.incomplete.map(v => v.id)}))
  .catch(e => done({ok: false, error: String(e && e.stack || e)}));
"""


def find_axe_js():
    if os.environ.get("AXE_JS"):
        return os.environ["AXE_JS"]
    home = os.environ.get("SITE_CHECKS_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "anslag-site-checks")
    candidates = [os.path.join(home, AXE_PACKAGE_DIR, "axe_playwright_python", "axe.min.js")]
    for module, rel in (("axe_playwright_python", "axe.min.js"),
                        ("selenium_axe_python", "axe-core/axe.min.js"),
                        ("axe_core_python", "axe.min.js")):
        spec = importlib.util.find_spec(module)
        if spec and spec.origin:
            candidates.append(os.path.join(os.path.dirname(spec.origin), rel))
    for path in candidates:
        if os.path.isfile(path):
            return path
    return None


def default_pages(root):
    pages = ["index.html"]
    agreements = sorted(glob.glob(os.path.join(root, "overenskommelser", "*", "index.html")))
    pages.append(os.path.relpath(agreements[0], root) if agreements
                 else "overenskommelser/*/index.html")
    pages += ["regioner/jamtland-harjedalen/index.html",
              "regioner/jamtland-harjedalen/2024/index.html",
              "jamfor/index.html"]
    return pages


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def start_server(root):
    handler = functools.partial(QuietHandler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--window-size=1280,1024",
                "--lang=sv-SE"):
        options.add_argument(arg)
    # With both paths given, Selenium Manager has nothing to download.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT)
    driver.set_script_timeout(SCRIPT_TIMEOUT)
    return driver


class OverallTimeout(BaseException):
    """Raised by SIGALRM; a BaseException so that no `except Exception` swallows it."""


def on_alarm(signum, frame):
    raise OverallTimeout(f"the axe check did not finish in {TOTAL_TIMEOUT} s")


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    explicit = argv[2:]
    pages = explicit or default_pages(root)

    present = []
    for page in pages:
        if os.path.isfile(os.path.join(root, page)):
            present.append(page)
        elif explicit or page == "index.html":
            print(f"  {page}: missing")
            print(f"axe: FAIL: page {page} does not exist under {root}")
            return 1
        else:
            print(f"  note: {page} does not exist; skipped")

    axe_js_path = find_axe_js()
    if not axe_js_path:
        print("axe: FAIL: axe.min.js not found (set AXE_JS or run scripts/setup-site-checks)")
        return 1
    with open(axe_js_path, encoding="utf-8") as f:
        axe_js = f.read()

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TOTAL_TIMEOUT)
    server = driver = None
    failures = 0       # violated rules, summed over pages
    bad_pages = []
    version = "?"
    try:
        server = start_server(root)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            driver = start_browser()
        except Exception as exc:  # noqa: BLE001
            print(f"axe: FAIL: could not start headless Chromium ({type(exc).__name__}: "
                  f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''}); "
                  "run scripts/setup-site-checks")
            return 1
        for page in present:
            url = base + page
            try:
                driver.get(url)
                driver.execute_script(axe_js)
                result = driver.execute_async_script(RUN_AXE, TAGS)
            except Exception as exc:  # noqa: BLE001
                print(f"  {page}: could not be checked: {type(exc).__name__}: "
                      f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''}")
                failures += 1
                bad_pages.append(page)
                continue
            if not result or not result.get("ok"):
                print(f"  {page}: axe.run failed: {result and result.get('error')}")
                failures += 1
                bad_pages.append(page)
                continue
            version = result["version"]
            violations = result["violations"]
            incomplete = result["incomplete"]
            note = (f"; {len(incomplete)} rule{' needs' if len(incomplete) == 1 else 's need'} "
                    f"review, not counted ({', '.join(incomplete)})") if incomplete else ""
            if not violations:
                print(f"  {page}: no violations{note}")
                continue
            bad_pages.append(page)
            failures += len(violations)
            print(f"  {page}: {len(violations)} violated rule{'s' if len(violations) != 1 else ''}{note}")
            for v in violations:
                print(f"    [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
                for node in v["nodes"][:MAX_NODES_SHOWN]:
                    target = " ".join(" >> ".join(t) if isinstance(t, list) else str(t)
                                      for t in node["target"])
                    print(f"      - {target}")
                    summary = (node.get("summary") or "").strip().splitlines()
                    if len(summary) > 1:
                        print(f"        {summary[1].strip()}")
                if len(v["nodes"]) > MAX_NODES_SHOWN:
                    print(f"      ... and {len(v['nodes']) - MAX_NODES_SHOWN} more")
    except OverallTimeout as exc:
        print(f"axe: FAIL: {exc}")
        return 1
    finally:
        signal.alarm(0)
        if driver is not None:
            try:
                driver.quit()
            except Exception:  # noqa: BLE001
                pass
        if server is not None:
            server.shutdown()
            server.server_close()

    label = f"axe-core {version}, tags {','.join(TAGS)}"
    if failures:
        print(f"axe: FAIL: {failures} violation{'s' if failures != 1 else ''} "
              f"on {len(bad_pages)} of {len(present)} pages ({label})")
        return 1
    print(f"axe: OK: {len(present)} pages, no violations ({label})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
