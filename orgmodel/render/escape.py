"""The one place where text from an org file is made safe for a chart.

Every user string (titles, names, messages) reaches DOT, SVG or Mermaid only
through these functions, and only as a label or the SVG ``<title>``, never as another
attribute: Graphviz passes attributes such as ``stylesheet``, ``URL`` and
``fontname`` through unescaped and reads files named by ``image``.
"""

from __future__ import annotations

import functools
import html
import re

# What no chart may contain: C0 controls (including NUL), DEL and C1 controls
# (invisible; YAML and XML 1.0 refuse most of them), surrogates, and the
# non-characters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF of every plane (U+FFFE and
# U+FFFF make an SVG invalid XML; Graphviz rejects a label holding them).
_NON_CHARACTERS = "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufdd0-\\ufdef{_NON_CHARACTERS}]")


def clean(text: str, keep_newlines: bool = False) -> str:
    """``text`` without control characters and non-characters (tabs, and newlines unless kept, become spaces)."""
    if text.isprintable():  # every character _CONTROL matches is unprintable (Cc, Cs or Cn): the common case
        return text
    if keep_newlines:
        return "\n".join(clean(line) for line in text.split("\n"))
    return _CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else "", text)


def is_blank(text: str | None) -> bool:
    """Whether ``text`` shows nothing once cleaned (Graphviz rejects an empty ``<B></B>``)."""
    return text is None or not clean(text).strip()


# Graphviz refuses an HTML-like label longer than 16,384 characters; a label
# holds several texts, each at most this long (and up to 6x that escaped).
LABEL_TEXT_LIMIT = 160


def shorten(text: str, limit: int = LABEL_TEXT_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (the full text goes in tooltips)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@functools.lru_cache(maxsize=4096)  # titles, teams and badges recur on thousands of cards
def html_label(text: str, limit: int = LABEL_TEXT_LIMIT) -> str:
    """Text for inside a Graphviz HTML-like label: entities for ``& < > " '``, backslashes doubled.

    Graphviz expands ``\\N`` (node name) and ``\\G`` (graph name) even in
    HTML-like labels, so a backslash must reach it doubled to stay a backslash.
    Long text is shortened so that no label can exceed Graphviz's limit.
    """
    return html.escape(shorten(clean(text), limit), quote=True).replace("\\", "\\\\")


# What a quoted Mermaid label cannot hold as itself: the quote ends it, '#' starts
# an entity (#35;), a backtick starts Markdown, < > & would be read as HTML, and
# Mermaid turns its own entity markers ﬂ° and ¶ß back into '&' and ';'.
_MERMAID_ENTITIES = {'"': "#quot;", "#": "#35;", "`": "#96;", "<": "#lt;", ">": "#gt;", "&": "#amp;",
                     "¶": "#182;", "ﬂ": "#64258;"}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ENTITIES)) + "]")
# Before parsing, Mermaid drops the last ';' of any line matching these (meant for
# style lines), which would break an entity such as #gt; in a label.
_MERMAID_STYLE_LINE = re.compile(r"style.*:|classDef.*:")


def mermaid(text: str, limit: int = LABEL_TEXT_LIMIT) -> str:
    """Text for a quoted Mermaid label: UTF-8 as it is, only Mermaid's special characters as entities."""
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ENTITIES[m.group()], shorten(clean(text), limit))


def mermaid_line(label: str) -> str:
    """A whole label made of :func:`mermaid` texts, safe from Mermaid's style-line rewriting."""
    return label.replace(":", "#58;") if _MERMAID_STYLE_LINE.search(label) else label


def yaml_string(text: str, limit: int = LABEL_TEXT_LIMIT) -> str:
    """Text as a double-quoted YAML scalar (JSON's syntax, which YAML 1.2 reads the same)."""
    import json

    return json.dumps(shorten(clean(text), limit), ensure_ascii=False)


def xml_text(text: str) -> str:
    """Text for an XML text node (the SVG ``<title>`` orgmodel writes itself)."""
    return html.escape(clean(text, keep_newlines=True), quote=False)
