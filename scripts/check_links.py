#!/usr/bin/env python3
"""Internal links and anchors of a static site.

Usage: check_links.py OUTPUT_DIR

Parses every .html file under OUTPUT_DIR and checks every internal URL in
href, src, srcset and poster attributes (and <meta http-equiv=refresh>):

  * relative URLs resolve against the page's own path, root-relative ones
    ("/x/y") against OUTPUT_DIR, which is the site root;
  * the target file must exist; a path ending in "/" means its index.html,
    and a path naming a folder is accepted when that folder has an index.html
    (servers redirect "x" to "x/");
  * a "#fragment" must name an element id in the target page (for "#x" on the
    same page too); "#" and "#top" are always fine (they scroll to the top);
  * a link must not climb above the site root ("../" too many times).

External URLs (any scheme: http:, https:, mailto:, tel:, data:, javascript:,
and protocol-relative "//host/...") are not checked. Exit status 0 when
nothing is broken, 1 otherwise.
"""

import os
import posixpath
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

URL_ATTRIBUTES = {"href", "src", "poster"}  # plus <object data>
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.urls = []  # (line, tag, attribute, url)
        self.base = None

    def handle_starttag(self, tag, attrs):
        self._collect(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._collect(tag, attrs)

    def _collect(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])  # obsolete, but browsers still scroll to it
        if tag == "base" and values.get("href") is not None:
            self.base = values["href"].strip()
            return
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\"]+)", values.get("content") or "", re.I)
            if m:
                self.urls.append((line, tag, "content", m.group(1).strip()))
            return
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES or (tag == "object" and name == "data"):
                self.urls.append((line, tag, name, value.strip()))
            elif name in SRCSET_ATTRIBUTES:
                for candidate in value.split(","):
                    parts = candidate.strip().split()
                    if parts:
                        self.urls.append((line, tag, name, parts[0]))


def html_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".html"):
                yield os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")


def parse(root, rel, cache):
    if rel not in cache:
        parser = PageParser()
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
            parser.feed(f.read())
        parser.close()
        cache[rel] = parser
    return cache[rel]


def resolve(page_rel, url, base=None):
    """Resolve url found on page_rel (a path relative to the site root).

    Returns (target, fragment, problem): target is the site-relative path of
    the file it names, or None for an external URL (then problem is None) or
    a broken one (then problem says why); fragment is None when there is no "#".
    """
    if SCHEME.match(url) or url.startswith("//"):
        return None, None, None
    parts = urlsplit(url)
    fragment = unquote(parts.fragment) if "#" in url else None
    if base:
        base_target, _, problem = resolve(page_rel, base)
        if base_target is None:
            return None, None, problem and f"<base href={base!r}>: {problem}"
        page_rel = base_target
    path = unquote(parts.path)
    if path == "":
        return page_rel, fragment, None  # "#x", "?q" or "": the page itself
    joined = path if path.startswith("/") else "/" + posixpath.join(posixpath.dirname(page_rel), path)
    segments = []
    for seg in joined.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if not segments:
                return None, fragment, "climbs above the site root"
            segments.pop()
        else:
            segments.append(seg)
    target = "/".join(segments)
    if joined.endswith(("/", "/.", "/..")) or target == "":
        target = posixpath.join(target, "index.html")
    return target, fragment, None


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    pages = list(html_files(root))
    if not pages:
        print(f"links: FAIL: no .html files under {root}")
        return 1
    cache = {}
    broken = []
    checked = 0
    for page in pages:
        parser = parse(root, page, cache)
        for line, tag, attr, url in parser.urls:
            target, fragment, problem = resolve(page, url, parser.base)
            if target is None and problem is None:
                continue  # external
            checked += 1
            if problem:
                broken.append((page, line, tag, attr, url, problem))
                continue
            full = os.path.join(root, *target.split("/"))
            if os.path.isdir(full):
                if os.path.isfile(os.path.join(full, "index.html")):
                    target = posixpath.join(target, "index.html")
                    full = os.path.join(full, "index.html")
                else:
                    broken.append((page, line, tag, attr, url,
                                   f"folder /{target}/ has no index.html"))
                    continue
            if not os.path.isfile(full):
                broken.append((page, line, tag, attr, url, f"no file /{target}"))
                continue
            if fragment in (None, "") or fragment.lower() == "top":
                continue
            if not target.endswith((".html", ".htm")):
                continue  # fragments of CSV, JSON, PDF... are not element ids
            if fragment not in parse(root, target, cache).ids:
                where = "this page" if target == page else f"/{target}"
                broken.append((page, line, tag, attr, url, f"no element with id {fragment!r} in {where}"))

    for page, line, tag, attr, url, problem in broken:
        print(f"  {page}:{line}: <{tag} {attr}=\"{url}\">: {problem}")
    if broken:
        bad_pages = len({b[0] for b in broken})
        print(f"links: FAIL: {len(broken)} broken of {checked} internal links "
              f"on {bad_pages} of {len(pages)} pages")
        return 1
    print(f"links: OK: {checked} internal links on {len(pages)} pages, none broken")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
