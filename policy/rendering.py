"""Markdown to safe HTML: markdown-it with raw HTML off, then an nh3 allow-list."""

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False})

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text):
    """The body as HTML that is safe to show: no raw HTML, no scripts, no javascript: links."""
    html = _markdown.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def text_blocks(text):
    """The rendered text as readable blocks (headings, paragraphs, list items), for comparing versions."""
    blocks = []
    prefix = ""
    for token in _markdown.parse(text or ""):
        if token.type == "heading_open":
            prefix = "#" * int(token.tag[1]) + " "
        elif token.type == "list_item_open":
            prefix = "• "
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
        elif token.type == "inline":
            blocks.append(prefix + " ".join(token.content.split()))
            prefix = ""
    return [block for block in blocks if block]
