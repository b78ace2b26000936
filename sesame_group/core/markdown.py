"""Markdown to sanitised HTML, and to plain text for mail and iCal."""

import html
import re
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def render_markdown(text: str | None) -> Markup:
    """User Markdown to HTML with every script, style and unknown tag removed."""
    raw = md.markdown(text or "", extensions=["tables", "sane_lists"])
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


@lru_cache(maxsize=4096)
def plain_text(text: str | None) -> str:
    """Markdown to plain text (for iCal DESCRIPTION and text mail); cached: feeds repeat the
    same descriptions for every day of a session."""
    stripped = nh3.clean(str(render_markdown(text)), tags=set())
    stripped = re.sub(r"\n{3,}", "\n\n", html.unescape(stripped))
    return stripped.strip()
