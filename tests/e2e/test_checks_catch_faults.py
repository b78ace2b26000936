"""Each crawl check fails on an injected fault: a gate that cannot fail proves nothing.

The real login page (or stylesheet) is fetched from the live server and altered on its way to
the browser with `page.route`, headers (CSP included) kept; the crawler's checks must report it.
"""

import re

import pytest

from tests.e2e import vnu
from tests.e2e.conftest import missing_tool
from tests.e2e.crawler import Crawler


def _html(old, new, count=1):
    return ("html", lambda body: body.replace(old, new, count))


def _css(rule):
    return ("css", lambda body: body + "\n" + rule + "\n")


FAULTS = {
    "label removed": (
        ("html", lambda body: re.sub(r'<label for="email">[^<]*</label>', "", body)),
        ["label (RGAA 11.1): input#email", "axe label (critical)"],
    ),
    "placeholder instead of label": (
        (
            "html",
            lambda body: re.sub(r'<label for="email">[^<]*</label>', "", body).replace(
                'id="email"', 'id="email" placeholder="Adresse électronique"'
            ),
        ),
        ["label (RGAA 11.1): input#email"],
    ),
    "focus outline removed": (
        _css("*:focus, *:focus-visible { outline: none !important; }"),
        ["focus visible (RGAA 10.7): input#email"],
    ),
    "fixed width": (_css("main { min-width: 800px; }"), ["reflow 320 px (RGAA 10.11)"]),
    "inline script": (
        _html("</main>", "<script>document.title = 'x';</script></main>"),
        ["CSP violation"],
    ),
    "inline style": (_html("<h1>", '<h1 style="color: red">'), ["CSP violation"]),
    "two h1": (_html("</main>", "<h1>Encore</h1></main>"), ["h1: 2 <h1> elements"]),
    "wrong lang": (_html('<html lang="fr">', '<html lang="en">'), ["html lang: lang='en'"]),
    "skip link removed": (
        _html('<a class="skip-link" href="#contenu">Aller au contenu</a>', ""),
        ["skip link (RGAA 12.7)"],
    ),
    "low contrast": (_css(".site-footer a { color: #bbbbbb; }"), ["axe color-contrast"]),
    "English time": (
        _html("</h1>", '</h1><p><time datetime="2028-03-14T09:30">09:30</time></p>'),
        ['French typography: time "09:30"'],
    ),
    "ordinary spaces around h": (
        _html("</h1>", "</h1><p>Ouvert de 9 h 30 à 17 h 00.</p>"),
        ["« 9 h 30 » needs no-break spaces", "should end at « h »"],
    ),
    "1 mars": (_html("</h1>", "</h1><p>Le 1 mars 2028.</p>"), ["should read « 1er mars »"]),
    "capital month": (_html("</h1>", "</h1><p>Le 14 Mars 2028.</p>"), ["should be lower case"]),
    "image without alt": (
        _html("</h1>", '</h1><img src="/static/favicon.svg">'),
        ["axe image-alt"],
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_crawler_reports_injected_fault(
    browser, browser_context_args, live_app, live_server, fault
):
    (kind, alter), expected = FAULTS[fault]
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    pattern = "**/accounts/login" if kind == "html" else "**/static/css/sesame.css"

    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=alter(response.text()))

    page.route(pattern, handle)
    crawler = Crawler(live_app, live_server, page, "anonymous")
    crawler.visit(f"{live_server}/accounts/login")
    context.close()
    problems = "\n".join(crawler.result.problems)
    for text in expected:
        assert text in problems, f"{fault!r} not reported as {text!r}; got:\n{problems}"


def test_unaltered_login_page_has_no_problem(browser, browser_context_args, live_app, live_server):
    context = browser.new_context(**browser_context_args)
    crawler = Crawler(live_app, live_server, context.new_page(), "anonymous")
    crawler.visit(f"{live_server}/accounts/login")
    context.close()
    assert crawler.result.problems == []


def test_html_checker_reports_invalid_markup(tmp_path):
    reason = vnu.missing()
    if reason:
        missing_tool(reason)
    good = (
        b'<!doctype html><html lang="fr"><head><title>t</title></head><body><p>ok</p></body></html>'
    )
    bad = good.replace(b"<p>ok</p>", b"<p><div>bloc</div></p><span>")
    errors = vnu.validate({"good": good, "bad": bad}, tmp_path)
    assert list(errors) == ["bad"]
    assert any("No “p” element in scope" in e or "“div” not allowed" in e for e in errors["bad"])
