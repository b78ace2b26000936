"""Crawl the live app as one role and check every HTML page it reaches by following links.

Starts at `/` (and the login page) and follows every same-origin `<a href>` except downloads,
the language switch and static files, first with plain HTTP requests sharing the browser's
cookies (cheap: every demo object is reached, links shown only on some objects are found),
matching each URL against the app's URL map. Then it opens in Chromium at most
PAGES_PER_ENDPOINT pages per (endpoint, query-parameter names): new pages that other domains
link are picked up automatically. It records precise problems ("<url> [<role>] <check>:
<detail>"):

- HTTP status >= 400, a broken internal link, a logged-in role sent back to the login page;
- axe-core violations for the WCAG 2.1 A and AA tags (rule, impact, CSS target of each node);
- console errors and uncaught exceptions (CSP violations are console errors in Chromium);
- `<html lang>` not the expected language; not exactly one `<h1>`;
- RGAA 11.1: a visible field without a label (placeholder does not count);
- RGAA 10.7: a focusable element with no visible focus indicator;
- RGAA 10.11: horizontal scroll at 320 px wide;
- RGAA 12.7: the skip link is not the first focusable element or its target is missing;
- French typography of dates and times in <main> (« 9 h 30 », « 1er mars », lower-case months).

The HTML of up to VALIDATE_PER_KEY fetched pages per route is kept for the Nu HTML checker
(one JVM for all pages).
"""

import os
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Pages checked in the browser per (endpoint, query-parameter names); pages fetched to find links.
PAGES_PER_ENDPOINT = int(os.environ.get("E2E_PAGES_PER_ENDPOINT", "1"))
# Pages per (endpoint, query-parameter names) whose HTML goes to the Nu checker (cheap).
VALIDATE_PER_KEY = int(os.environ.get("E2E_VALIDATE_PER_KEY", "3"))
FETCHES_PER_KEY = int(os.environ.get("E2E_FETCHES_PER_KEY", "25"))
MAX_FETCHES = int(os.environ.get("E2E_MAX_FETCHES", "3000"))
# Endpoints never followed: state-changing GETs, machine endpoints, files.
SKIP_ENDPOINTS = {"core.language", "core.healthz", "static"}
DOWNLOAD = re.compile(r"\.(ics|csv|xlsx|xls|ods|pdf|json|txt|zip|eml|xml)$", re.IGNORECASE)

PAGE_CHECKS_JS = """
() => {
  const problems = [];
  const describe = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    if (el.getAttribute('name')) text += '[name="' + el.getAttribute('name') + '"]';
    if (el.getAttribute('href')) text += '[href="' + el.getAttribute('href') + '"]';
    const label = (el.innerText || el.value || '').trim().slice(0, 40);
    return label ? text + ' "' + label + '"' : text;
  };
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(['h1', h1 + ' <h1> elements, expected exactly 1']);
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type) || !visible(el)) continue;
    const named = el.labels.length > 0 || el.getAttribute('aria-labelledby')
      || (el.getAttribute('aria-label') || '').trim() || (el.getAttribute('title') || '').trim();
    if (!named) problems.push(['label (RGAA 11.1)', describe(el) + ' has no <label>, '
      + 'aria-labelledby, aria-label or title (a placeholder does not count)']);
  }
  const focusable = [...document.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]')]
    .filter((el) => el.tabIndex >= 0 && !el.disabled);
  const first = focusable[0];
  const target = document.getElementById('contenu');
  if (!first || !first.classList.contains('skip-link') || first.getAttribute('href') !== '#contenu')
    problems.push(['skip link (RGAA 12.7)', 'first focusable element is '
      + (first ? describe(first) : 'missing') + ', expected a.skip-link[href="#contenu"]']);
  if (!target || target.tagName !== 'MAIN')
    problems.push(['skip link (RGAA 12.7)', 'no <main id="contenu"> for the skip link']);
  let checked = 0;
  for (const el of focusable) {
    if (checked >= 200) break;
    if (!visible(el) && !el.classList.contains('skip-link')) continue;
    checked += 1;
    el.focus();
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    if (!outline && style.boxShadow === 'none')
      problems.push(['focus visible (RGAA 10.7)', describe(el) + ' shows no outline or box-shadow'
        + ' when focused']);
  }
  if (document.activeElement) document.activeElement.blur();
  return {lang: document.documentElement.getAttribute('lang'), problems: problems};
}
"""
# French typography of dates and times (E2E.md §7) in the text of <main>.
TYPOGRAPHY_JS = r"""
() => {
  const main = document.querySelector('main');
  if (!main) return [];
  const text = main.innerText;
  const problems = [];
  const months = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|'
    + 'novembre|décembre';
  const around = (index) => JSON.stringify(text.slice(Math.max(0, index - 25), index + 30));
  for (const el of main.querySelectorAll('time')) {
    const m = el.textContent.match(/\b\d{1,2}:\d{2}\b/);
    if (m) problems.push('time "' + el.textContent.trim() + '" uses « ' + m[0]
      + ' », expected « 9 h 30 »');
  }
  for (const m of text.matchAll(/\b(\d{1,2})(\s?)h(?:(\s?)(\d{2}))?\b/g)) {
    const [all, hour, space1, space2, minutes] = m;
    const nb = (s) => s === '\u00a0' || s === '\u202f';
    if (!nb(space1) || (minutes && !nb(space2)))
      problems.push('« ' + all + ' » needs no-break spaces around « h »: ' + around(m.index));
    if (hour.length === 2 && hour[0] === '0')
      problems.push('« ' + all + ' » has a leading zero: ' + around(m.index));
    if (minutes === '00') problems.push('« ' + all + ' » should end at « h »: ' + around(m.index));
  }
  for (const m of text.matchAll(new RegExp('(^|[^\\d])1\\s(' + months + ')\\b', 'g')))
    problems.push('« 1 ' + m[2] + ' » should read « 1er ' + m[2] + ' »: ' + around(m.index));
  const upper = months.split('|').map((w) => w[0].toUpperCase() + w.slice(1)).join('|');
  for (const m of text.matchAll(new RegExp('\\d\\s(' + upper + ')\\b', 'g')))
    problems.push('month « ' + m[1] + ' » should be lower case: ' + around(m.index));
  return problems;
}
"""
OVERFLOW_JS = r"""
() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const scrolls = (el) => {  // clipped by a scrolling ancestor (absolute boxes may escape it)
    if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) return false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) return true;
    return false;
  };
  const wide = [...document.querySelectorAll('body *')].filter(
    (el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !scrolls(el));
  const leaves = wide.filter((el) => ![...el.children].some((child) => wide.includes(child)));
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\s+/).join('.') : '')
    + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + 'px)';
  return root.scrollWidth + 'px wide > ' + root.clientWidth + 'px; widest: '
    + leaves.slice(0, 3).map(name).join(', ');
}
"""


@dataclass
class PageResult:
    url: str
    role: str
    status: int
    endpoint: str
    html: bytes = b""
    problems: list = field(default_factory=list)


@dataclass
class CrawlResult:
    role: str
    pages: list = field(default_factory=list)  # PageResult for each HTML page checked
    endpoints: set = field(default_factory=set)  # endpoints reached (pages and downloads)
    problems: list = field(default_factory=list)  # every problem, formatted
    documents: dict = field(default_factory=dict)  # url -> HTML body, for the Nu checker
    fetched: int = 0
    discover_seconds: float = 0.0
    check_seconds: float = 0.0

    def summary(self):
        return (
            f"crawl as {self.role}: {self.fetched} URLs fetched in {self.discover_seconds:.0f} s,"
            f" {len(self.pages)} pages checked in Chromium in {self.check_seconds:.0f} s,"
            f" {len(self.endpoints)} endpoints reached, {len(self.problems)} problems"
        )

    def add(self, url, check, detail):
        self.problems.append(f"{url} [{self.role}] {check}: {detail}")


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(page_url, html):
    parser = _LinkParser()
    parser.feed(html)
    return [urldefrag(urljoin(page_url, href))[0] for href in parser.hrefs]


class Crawler:
    def __init__(self, app, base_url, page, role, expected_lang="fr"):
        self.adapter = app.url_map.bind("127.0.0.1")
        self.base = base_url
        self.page = page
        self.role = role
        self.lang = expected_lang
        self.axe = Axe()
        self.result = CrawlResult(role)
        self.console = []
        page.on("console", lambda m: m.type == "error" and self.console.append(m.text))
        page.on("pageerror", lambda e: self.console.append(f"uncaught {e}"))

    def match(self, url):
        """(endpoint, key) for an internal URL, or (None, reason) when it does not resolve."""
        parts = urlsplit(url)
        try:
            endpoint, _ = self.adapter.match(parts.path, method="GET")
        except RequestRedirect as redirect:
            return self.match(redirect.new_url.replace("http://127.0.0.1", self.base, 1))
        except NotFound:
            return None, "no URL rule matches (broken link)"
        except MethodNotAllowed:
            return None, "links to a URL that does not accept GET"
        keys = tuple(sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}))
        return endpoint, (endpoint, keys)

    def discover(self, start):
        """Breadth-first over every internal link with plain HTTP requests (same cookies).

        Returns {key: [url, ...]} of HTML pages in discovery order. Cheap: no rendering, so
        every demo object can be reached and links that only some objects show are found.
        """
        request = self.page.context.request
        queue = [self.base + path for path in start]
        seen, referrer, pages, fetches = set(queue), {}, {}, {}
        while queue and self.result.fetched < MAX_FETCHES:
            url = queue.pop(0)
            endpoint, key = self.match(url)
            if endpoint is None:
                self.result.add(referrer.get(url, url), "link", f"{url}: {key}")
                continue
            if endpoint in SKIP_ENDPOINTS:
                continue
            self.result.endpoints.add(endpoint)
            if DOWNLOAD.search(urlsplit(url).path) or fetches.get(key, 0) >= FETCHES_PER_KEY:
                continue
            fetches[key] = fetches.get(key, 0) + 1
            self.result.fetched += 1
            response = request.get(url, max_redirects=5)
            final_endpoint, final_key = self.match(response.url)
            if final_endpoint:
                self.result.endpoints.add(final_endpoint)
            if response.status >= 400:
                self.result.add(
                    referrer.get(url, url),
                    "HTTP",
                    f"link to {url} answers {response.status} for this role",
                )
                continue
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            if self.role != "anonymous" and final_endpoint == "accounts.login":
                self.result.add(
                    referrer.get(url, url),
                    "redirect",
                    f"link to {url} sends a logged-in user to the login page",
                )
                continue
            if response.url != url and response.url in seen:
                continue
            seen.add(response.url)
            pages.setdefault(final_key, []).append(response.url)
            if len(pages[final_key]) <= VALIDATE_PER_KEY:
                self.result.documents[response.url] = response.body()
            for link in _links(response.url, response.text()):
                if link.startswith(self.base + "/") and link not in seen:
                    seen.add(link)
                    referrer[link] = response.url
                    queue.append(link)
        return pages

    def run(self, start=("/",)):
        started = time.monotonic()
        found = self.discover(start)
        self.result.discover_seconds = time.monotonic() - started
        for urls in found.values():
            for url in urls[:PAGES_PER_ENDPOINT]:
                self.visit(url)
        self.result.check_seconds = time.monotonic() - started - self.result.discover_seconds
        return self.result

    def visit(self, url):
        """Load one HTML page in the browser, keep its body for vnu and run every check."""
        self.console.clear()
        try:
            response = self.page.goto(url, wait_until="load")
        except Exception as error:  # noqa: BLE001 - reported as a problem of the page
            self.result.add(url, "navigation", str(error).splitlines()[0])
            return
        status = response.status if response else 0
        endpoint, _ = self.match(self.page.url)
        self.result.pages.append(
            PageResult(self.page.url, self.role, status, endpoint or "?", response.body())
        )
        if status >= 400:
            self.result.add(url, "HTTP", f"status {status}")
        self.check(self.page.url)

    def check(self, url):
        page = self.page
        checks = page.evaluate(PAGE_CHECKS_JS)
        if checks["lang"] != self.lang:
            self.result.add(url, "html lang", f"lang={checks['lang']!r}, expected {self.lang!r}")
        for check, detail in checks["problems"]:
            self.result.add(url, check, detail)
        if checks["lang"] == "fr":
            for detail in page.evaluate(TYPOGRAPHY_JS):
                self.result.add(url, "French typography", detail)
        for violation in self.axe.run(page, options=AXE_OPTIONS).response["violations"]:
            for node in violation["nodes"]:
                summary = " ".join((node.get("failureSummary") or "").split())[:300]
                self.result.add(
                    url,
                    f"axe {violation['id']} ({violation.get('impact')})",
                    f"{violation['help']} — element {', '.join(map(str, node['target']))}"
                    f" — {summary}",
                )
        page.set_viewport_size({"width": 320, "height": 640})
        overflow = page.evaluate(OVERFLOW_JS)
        page.set_viewport_size({"width": 1280, "height": 800})
        if overflow:
            self.result.add(url, "reflow 320 px (RGAA 10.11)", overflow)
        for message in self.console:
            kind = "CSP violation" if "Content Security Policy" in message else "console error"
            self.result.add(url, kind, message[:400])
