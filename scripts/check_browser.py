#!/usr/bin/env python3
"""Every page of a built site in headless Chromium at several widths: axe-core and layout.

Usage: check_browser.py OUTPUT_DIR [--widths 320,768,1280] [PAGE ...]
       check_browser.py --self-test

Without PAGEs, every *.html file under OUTPUT_DIR is checked. One browser session is
reused for all pages and widths, so the whole site fits in CI's time.

At each width, on each page:
  axe     axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules (tags wcag2a, wcag2aa,
          wcag21a, wcag21aa, wcag22aa); any violation fails.
  dark    at the widest width with prefers-color-scheme: dark, axe's colour rules.
  layout  the page must not scroll sideways, and no table, chart (svg, figure), image,
          pre or text block may be wider than its container unless it sits inside a
          labelled scroll region (role="region", tabindex="0", aria-labelledby or
          aria-label) that itself fits.
--self-test builds a fixture with a deliberately too wide table outside a scroll region
and a fitting one inside a region, and checks that layout fails on the first only.

Exit status 0 when every page passes at every width, 1 otherwise.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_axe  # noqa: E402  (reuses its server, browser and axe.min.js lookup)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [320, 768, 1280]

LAYOUT = r"""
const problems = [];
const doc = document.documentElement;
if (doc.scrollWidth > doc.clientWidth + 1) {
  problems.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in ${doc.clientWidth} px`);
}
function inRegion(el) {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.getAttribute('role') === 'region' && p.getAttribute('tabindex') === '0'
        && (p.hasAttribute('aria-labelledby') || p.hasAttribute('aria-label'))) return p;
  }
  return null;
}
function describe(el) {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  else if (el.className && typeof el.className === 'string') s += '.' + el.className.trim().split(/\s+/).join('.');
  const withId = el.closest('[id]');
  if (!el.id && withId) s += ` in #${withId.id}`;
  return s;
}
const selector = 'table, svg, figure, img, pre, p, h1, h2, h3, li, dl, form, input';
for (const el of document.querySelectorAll(selector)) {
  if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden') continue;
  const box = el.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;
  const region = inRegion(el);
  const container = region || el.parentElement;
  if (!container) continue;
  const limit = container.getBoundingClientRect();
  if (region) {
    const rbox = region.getBoundingClientRect();
    if (rbox.right > doc.clientWidth + 1 || rbox.left < -1) {
      problems.push(`scroll region around ${describe(el)} is wider than the page`);
    }
    continue;
  }
  if (box.right > limit.right + 1 || box.left < limit.left - 1) {
    problems.push(`${describe(el)} is ${Math.round(box.width)} px wide in a ${Math.round(limit.width)} px container and not in a labelled scroll region`);
  }
}
return problems.slice(0, 12);
"""


DARK_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast', 'link-in-text-block']}})
  .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map(n => ({target: n.target}))}))}))
  .catch(e => done({violations: [{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]}));
"""


def check(root, pages, widths):
    axe_js_path = check_axe.find_axe_js()
    if not axe_js_path:
        print("browser: FAIL: axe.min.js not found (set AXE_JS or run scripts/setup-site-checks)")
        return 1
    with open(axe_js_path, encoding="utf-8") as f:
        axe_js = f.read()
    server = check_axe.start_server(root)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = None
    axe_failures = layout_failures = 0
    version = "?"
    try:
        driver = check_axe.start_browser()
        for width in widths:
            driver.set_window_size(width, 900)
            for page in pages:
                driver.get(base + page)
                problems = driver.execute_script(LAYOUT)
                if problems:
                    layout_failures += 1
                    print(f"  {page} at {width} px: layout:")
                    for problem in problems:
                        print(f"    - {problem}")
                driver.execute_script(axe_js)
                result = driver.execute_async_script(check_axe.RUN_AXE, TAGS)
                if not result or not result.get("ok"):
                    axe_failures += 1
                    print(f"  {page} at {width} px: axe.run failed: {result and result.get('error')}")
                    continue
                version = result["version"]
                for v in result["violations"]:
                    axe_failures += 1
                    targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
                    print(f"  {page} at {width} px: axe [{v['impact']}] {v['id']}: {v['help']} ({targets})")
        # Dark mode (prefers-color-scheme: dark) keeps every contrast ratio: colour rules only, widest width.
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        driver.set_window_size(widths[-1], 900)
        for page in pages:
            driver.get(base + page)
            driver.execute_script(axe_js)
            result = driver.execute_async_script(DARK_AXE)
            for v in (result or {}).get("violations", []):
                axe_failures += 1
                targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
                print(f"  {page} in dark mode: axe [{v['impact']}] {v['id']}: {v['help']} ({targets})")
    finally:
        if driver is not None:
            driver.quit()
        server.shutdown()
        server.server_close()
    checked = f"{len(pages)} pages at {', '.join(map(str, widths))} px and in dark mode (axe-core {version}, {','.join(TAGS)})"
    if axe_failures or layout_failures:
        print(f"browser: FAIL: {axe_failures} axe violations, {layout_failures} page layouts too wide; {checked}")
        return 1
    print(f"browser: OK: {checked}: no axe violations, no layout overflow")
    return 0


def self_test():
    wide = "<table><caption>Bred</caption><tr>" + "<td>1&nbsp;234&nbsp;567&nbsp;890</td>" * 12 + "</tr></table>"
    page = ("<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>T</title>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'></head>"
            "<body><main><h1>T</h1>{}</main></body></html>")
    regioned = f"<div role='region' tabindex='0' aria-labelledby='c' style='overflow-x:auto'><p id='c'>Tabell</p>{wide}</div>"
    with tempfile.TemporaryDirectory() as root:
        for name, body in (("broken.html", f"<div style='overflow:hidden'>{wide}</div>"), ("ok.html", regioned)):
            with open(os.path.join(root, name), "w", encoding="utf-8") as f:
                f.write(page.format(body))
        broken = check(root, ["broken.html"], [320])
        fine = check(root, ["ok.html"], [320])
    if broken == 1 and fine == 0:
        print("layout-self-test: OK: the broken fixture fails, the fitting one passes")
        return 0
    print(f"layout-self-test: FAIL: broken fixture gave {broken}, fitting one gave {fine}")
    return 1


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    rest = argv[2:]
    widths = WIDTHS
    if rest[:1] == ["--widths"]:
        widths = [int(w) for w in rest[1].split(",")]
        rest = rest[2:]
    pages = rest or sorted(os.path.relpath(os.path.join(d, f), root)
                           for d, _, files in os.walk(root) for f in files if f.endswith(".html"))
    return check(root, pages, widths)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
