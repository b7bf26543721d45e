#!/usr/bin/env python3
"""The search page finds what a reader types, in headless Chromium.

Usage: check_search.py OUTPUT_DIR

Serves OUTPUT_DIR (built, with scripts/search-index run on it), opens /sok/?q=TERM as the
header's search field would, waits for Pagefind's results and checks that each term finds
the page it must: "Jämtland" finds Region Jämtland Härjedalen's page, "ambulans" a
region's 2024 page, where the 2024 ambulance money is. Exit status 0 when every term finds its page.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_axe  # noqa: E402

# Each term and a part of the address at least one result must have.
EXPECTED = {
    "Jämtland": "/regioner/jamtland-harjedalen/",
    "ambulans": "/2024/",
}


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    if not os.path.isfile(os.path.join(root, "pagefind", "pagefind-ui.js")):
        print(f"search: FAIL: {root}/pagefind/ is missing; run scripts/search-index {argv[1]}")
        return 1
    server = check_axe.start_server(root)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    driver = check_axe.start_browser()
    failures = 0
    try:
        for term, page in EXPECTED.items():
            driver.get(f"{base}/sok/?q={term}")
            links = []
            deadline = time.time() + 20
            while time.time() < deadline:
                links = driver.execute_script(
                    "return [...document.querySelectorAll('.pagefind-ui__result-link')].map(a => a.getAttribute('href'))")
                if links:
                    break
                time.sleep(0.25)
            found = any(link and page in link.split("#")[0] for link in links)
            print(f"  {term!r}: {len(links)} results{'' if found else f'; none is {page}'}: {links[:5]}")
            failures += 0 if found else 1
    finally:
        driver.quit()
        server.shutdown()
    if failures:
        print(f"search: FAIL: {failures} of {len(EXPECTED)} terms did not find their page")
        return 1
    print(f"search: OK: {', '.join(EXPECTED)} each found their page from /sok/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
