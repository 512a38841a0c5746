"""Finishing Graphviz's SVG: each role's ``<title>`` carries the role's details."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from orgmodel.render.escape import xml_text

# Graphviz writes each node as <g id="ID" class="node">\n<title>NAME</title>, with
# the ID escaped as XML text (a hyphen as &#45;, so mgr-digital is mgr&#45;digital).
_NODE_TITLE = re.compile(rb'(<g id="([^"]+)" class="node">\s*<title>)([^<]*)(</title>)')


def add_titles(svg: bytes, details: Mapping[str, str]) -> bytes:
    """Replace each node's ``<title>`` text (its DOT name) with ``details[id]``."""

    def replace(match: re.Match[bytes]) -> bytes:
        node = match.group(2).decode("utf-8")
        text = details.get(html.unescape(node) if "&" in node else node)
        if text is None:
            return match.group(0)
        return match.group(1) + xml_text(text).encode("utf-8") + match.group(4)

    return _NODE_TITLE.sub(replace, svg)
