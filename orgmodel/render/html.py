"""One self-contained, interactive HTML page around a chart: ``orgmodel render -o org.html``.

The page embeds the SVG that the chart renderer draws (it draws nothing of
its own), the data its script needs as JSON, its stylesheet, its script and
the Lato font the chart was measured with; it loads nothing else. A
Content-Security-Policy forbids every request and lets run only the one
script and stylesheet whose hashes it names, so text from an org file that
slipped through as markup still could not run or fetch anything. The same
org and options give the same bytes.

:func:`build_page` is the reusable part (a reorg diff can give it another
SVG and data); :func:`html_report` builds the org report with it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

import attrs

from orgmodel import __version__
from orgmodel.api import CheckResult
from orgmodel.finding import Severity
from orgmodel.render.chart import ChartOptions
from orgmodel.render.engine import EngineError
from orgmodel.rulepack import RulePack

ASSETS = Path(__file__).with_name("assets")
FONT_FACES = (("Lato-Regular.ttf", 400), ("Lato-Bold.ttf", 700))  # the weights charts use
LICENCE_FILES = (("The Lato font (embedded in this page)", "Lato-OFL.txt"),)
# Characters that could end or confuse a <script> element, as JSON escapes.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PROLOGUE = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
_PLACEHOLDER = re.compile(r"@@([A-Z]+)@@")
# What an SVG from the renderer never holds; found, it is a bug upstream, and the page is not written.
_ACTIVE_TAGS = frozenset({"script", "foreignObject", "iframe", "object", "embed", "style", "link"})
_SUSPECT = re.compile(rb"<(?:[\w-]+:)?(?:script|foreignObject|iframe|object|embed|style|link)\b"
                      rb"|\son\w*\s*=|href|javascript", re.IGNORECASE)


class UnsafeSvgError(EngineError):
    """The chart to embed holds active content or is not well-formed (a bug upstream); one line."""


@attrs.frozen
class Page:
    """What a report page shows; ``figures`` is trusted HTML (built with :func:`html.escape`)."""

    title: str
    subtitle: str
    svg: bytes
    data: Mapping[str, Any]
    figures: str = ""


def script_json(data: Mapping[str, Any]) -> str:
    """``data`` as JSON that cannot end its ``<script>`` element or be read as markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda match: _JSON_ESCAPES[match.group()], text)


def inline_svg(svg: bytes) -> str:
    """The renderer's SVG ready to sit inside HTML: checked, without XML prologue and comments."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as error:
        raise UnsafeSvgError(f"the chart is not well-formed SVG: {error}") from None
    # Walking every element costs half a second for 2,000 roles: only when the text hints at something.
    for element in root.iter() if _SUSPECT.search(svg) else ():
        tag = element.tag.rpartition("}")[2]
        attributes = {name.rpartition("}")[2]: value for name, value in element.attrib.items()}
        if tag in _ACTIVE_TAGS or any(name.lower().startswith("on") for name in attributes):
            raise UnsafeSvgError(f"the chart holds active content (<{tag}>); refusing to embed it")
        if "javascript:" in attributes.get("href", "").lower().replace(" ", ""):
            raise UnsafeSvgError("the chart holds a javascript: link; refusing to embed it")
    text = _COMMENT.sub("", _PROLOGUE.sub("", svg.decode("utf-8"), count=1))
    return text.strip()


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _font_faces() -> str:
    from orgmodel.render.fonts import font_folder

    faces = []
    for file, weight in FONT_FACES:
        encoded = base64.b64encode((font_folder() / file).read_bytes()).decode("ascii")
        faces.append(f'@font-face{{font-family:"Lato";font-weight:{weight};font-style:normal;'
                     f'src:url(data:font/ttf;base64,{encoded}) format("truetype")}}')
    return "\n".join(faces)


def _licences() -> str:
    parts = ["<p>Made by orgmodel " + escape(__version__) + " (MIT licence). Everything this page shows is "
             "inside it; it loads nothing from the network.</p>"]
    for what, file in LICENCE_FILES:
        parts.append(f"<h4>{escape(what)}</h4><pre>{escape(_asset(file))}</pre>")
    return "".join(parts)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_policy(script: str, style: str) -> str:
    """No request of any kind; only this page's own script and stylesheet, named by hash."""
    return (f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; "
            "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")


def build_page(page: Page) -> bytes:
    """The whole HTML document of ``page``, as UTF-8 bytes."""
    script, style = _asset("report.js"), _font_faces() + "\n" + _asset("report.css")
    if "</script" in script.lower() or "</style" in style.lower():
        raise ValueError("an asset holds a closing tag that would end its element early")
    values = {
        "CSP": escape(content_policy(script, style)), "VERSION": escape(__version__),
        "TITLE": escape(page.title), "SUBTITLE": escape(page.subtitle), "STYLE": style, "SCRIPT": script,
        "SVG": inline_svg(page.svg), "FIGURES": page.figures, "DATA": script_json(page.data),
        "LICENCES": _licences(),
    }
    # One pass: a value that happens to contain @@NAME@@ is never expanded itself.
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], _asset("report.html")).encode("utf-8")


def _subtitle(result: CheckResult) -> str:
    counts = [sum(1 for f in result.findings if f.severity is severity) for severity in reversed(Severity)]
    found = ", ".join(f"{n} {severity}{'s' * (n != 1)}" for n, severity in zip(counts, reversed(Severity), strict=True))
    roles = len(result.org.roles)
    return f"{result.org.path} · {roles} role{'s' * (roles != 1)} · {found}"


def html_report(result: CheckResult, pack: RulePack, options: ChartOptions = ChartOptions(),
                engine: str = "embedded") -> tuple[bytes, list[str]]:
    """``(bytes, engine messages)`` of the interactive report of a checked org."""
    from orgmodel import stats
    from orgmodel.render.html_data import report_data
    from orgmodel.render.html_stats import figures_html
    from orgmodel.render.output import render_org

    exclusive = pack.vocabulary.exclusive
    names = {code: rule.name for code, rule in pack.rules.items()}
    rendered = render_org(result.org, result.findings, exclusive, "svg", options, engine, names)
    svg, messages = rendered.data, list(rendered.messages)
    figures = stats.compute(result.org, pack.vocabulary, stats.span_limit(pack))
    page = Page(title=result.org.name or result.org.path, subtitle=_subtitle(result), svg=svg,
                data=report_data(result, pack.rules, figures, exclusive), figures=figures_html(figures))
    return build_page(page), messages
