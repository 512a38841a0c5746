"""DOT text to SVG or PNG bytes: the embedded Graphviz (pygraphviz) or a system ``dot``."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
import warnings
from collections.abc import Iterator

from orgmodel.render import fonts

_LOCK = threading.Lock()  # Graphviz keeps global state: one render at a time
# Noise from the libraries under Graphviz, not about the chart, and the spline router's
# complaints about a line it could not bend around the cards (it draws it straight).
_NOISE = re.compile(r"^(Fontconfig (warning|error)|\(process:\d+\): Pango|lib/pathplan/|\s*$)")


class EngineError(Exception):
    """Rendering failed or cannot start; ``str()`` is one line saying what to do."""


@contextlib.contextmanager
def _captured_stderr() -> Iterator[list[str]]:
    """Send file descriptor 2 to a temporary file; yield the list its lines go into."""
    lines: list[str] = []
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            lines.extend(sink.read().decode("utf-8", "replace").splitlines())


def meaningful(lines: list[str]) -> list[str]:
    """Engine messages worth showing a user, without library noise, each once."""
    return list(dict.fromkeys(line.strip() for line in lines if not _NOISE.match(line)))


def render(source: str, output_format: str, engine: str = "embedded", dpi: float | None = None,
           ) -> tuple[bytes, list[str]]:
    """``(bytes, messages)`` for DOT ``source``; messages are the engine's warnings, each 'graphviz: ...'.

    ``dpi`` sets a PNG's resolution (Graphviz's default is 96).
    """
    fonts.configure()
    if dpi is not None:
        source = source.replace("{", f"{{\n\tdpi={dpi:g}", 1)  # the graph's opening brace
    if engine == "system":
        return _system(source, output_format)
    return _embedded(source, output_format)


def _embedded(source: str, output_format: str) -> tuple[bytes, list[str]]:
    import pygraphviz  # heavy: imported only when a chart is drawn

    with _LOCK, warnings.catch_warnings(record=True) as caught, _captured_stderr() as stderr:
        warnings.simplefilter("always")
        try:
            graph = pygraphviz.AGraph(string=source)
            graph.layout(prog="dot")
            data = graph.draw(format=output_format)
        except Exception as error:  # pygraphviz raises several types for engine failures
            raise EngineError(f"the embedded Graphviz failed: {error}") from None
    messages = [f"graphviz: {m}" for m in meaningful(stderr + [str(w.message) for w in caught])]
    if not data:
        raise EngineError("the embedded Graphviz produced no output" + (f": {messages[0]}" if messages else ""))
    return data, messages


def laid_out_size(source: str) -> tuple[float, float]:
    """The width and height in points of DOT ``source`` as the embedded Graphviz lays it out
    (without drawing it: a fraction of a render's time)."""
    import pygraphviz

    fonts.configure()
    with _LOCK, warnings.catch_warnings(), _captured_stderr():
        warnings.simplefilter("ignore")
        try:
            graph = pygraphviz.AGraph(string=source)
            graph.layout(prog="dot")
            left, bottom, right, top = (float(v) for v in graph.graph_attr["bb"].split(","))
        except Exception as error:  # pygraphviz raises several types for engine failures
            raise EngineError(f"the embedded Graphviz failed: {error}") from None
    return right - left, top - bottom


def _system(source: str, output_format: str) -> tuple[bytes, list[str]]:
    import graphviz

    try:
        data = graphviz.Source(source).pipe(format=output_format, engine="dot", quiet=True)
    except graphviz.ExecutableNotFound:
        raise EngineError("--engine system needs Graphviz's `dot` on PATH; install Graphviz "
                          "or use the default embedded engine") from None
    except graphviz.CalledProcessError as error:
        detail = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise EngineError(f"dot failed: {detail[-1] if detail else error}") from None
    return data, []
