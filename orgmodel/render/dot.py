"""A DOT graph written line by line, laid out as the graphviz package writes it.

The chart is built here rather than with ``graphviz.Digraph``: that package
quotes every name and attribute through a cascade of regular expressions and
checks every call's arguments, which was two thirds of orgmodel's own time in
rendering a 2,000-role chart. orgmodel needs only nodes, edges, attributes and
subgraphs, with names it has validated and labels made safe by
:mod:`orgmodel.render.escape`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Mapping

# Written bare: an ID or a number (DOT's own grammar); anything else is quoted.
_BARE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})

Attributes = Mapping[str, str]


def quote(value: str) -> str:
    """``value`` as a DOT ID: bare when it may be, an HTML-like label ``<...>`` as is, else quoted."""
    if value.startswith("<") and value.endswith(">"):
        return value
    if _BARE.fullmatch(value) and value.lower() not in _KEYWORDS:
        return value
    # In a quoted DOT string only \" is an escape; any other backslash stays as written,
    # so one at the very end would swallow the closing quote.
    if value.endswith("\\"):
        raise ValueError(f"cannot be written as a DOT string: {value!r}")
    return '"' + value.replace('"', '\\"') + '"'


def attribute_list(attributes: Attributes, label: str | None = None,
                   quoted: Callable[[str], str] = quote) -> str:
    """``label=... a=1 b=2``: the label first, then the rest by name (each value through ``quoted``)."""
    items = [f"label={quote(label)}"] if label is not None else []
    items.extend(f"{key}={quoted(value)}" for key, value in sorted(attributes.items()))
    return " ".join(items)


class Graph:
    """A directed graph, or a subgraph of one; ``source`` is its DOT text."""

    def __init__(self, name: str | None = None, graph_attr: Attributes | None = None,
                 node_attr: Attributes | None = None, edge_attr: Attributes | None = None,
                 depth: int = 0, written: dict[str, str] | None = None) -> None:
        self.name = name
        # Names and short values as written (quoted), shared with subgraphs: most recur (a node and
        # its lines, colours, styles, groups).
        self.written: dict[str, str] = written if written is not None else {}
        self.indent = "\t" * (depth + 1)
        self.depth = depth
        self.body: list[str] = []
        self.edges = 0  # edges written here (not in subgraphs)
        for kind, attributes in (("graph", graph_attr), ("node", node_attr), ("edge", edge_attr)):
            if attributes:
                self.attr(kind, **attributes)

    def attr(self, kind: str | None = None, **attributes: str) -> None:
        """Defaults for ``kind`` (graph, node or edge), or with no kind this graph's own attributes."""
        if kind is None:
            self.body.append(f"{self.indent}{attribute_list(attributes)}\n")
        else:
            self.body.append(f"{self.indent}{kind} [{attribute_list(attributes)}]\n")

    def quoted(self, name: str) -> str:
        """:func:`quote`, remembered: names and most attribute values recur (colours, styles, groups)."""
        found = self.written.get(name)
        if found is None:
            found = quote(name)
            if len(name) <= 64:  # labels and other long text are seldom written twice
                self.written[name] = found
        return found

    def node(self, name: str, label: str | None = None, **attributes: str) -> None:
        self.body.append(f"{self.indent}{self.quoted(name)}{self._bracketed(attributes, label)}\n")

    def edge(self, tail: str, head: str, **attributes: str) -> None:
        self.edges += 1
        self.body.append(f"{self.indent}{self.quoted(tail)} -> {self.quoted(head)}{self._bracketed(attributes)}\n")

    def _bracketed(self, attributes: Attributes, label: str | None = None) -> str:
        return f" [{attribute_list(attributes, label, self.quoted)}]" if attributes or label is not None else ""

    @contextlib.contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[Graph]:
        """A subgraph (a cluster when its name starts with ``cluster``), written here when the block ends."""
        inner = Graph(name, depth=self.depth + 1, written=self.written)
        yield inner
        head = f"subgraph {quote(name)} {{" if name else "{"
        self.body.append(f"{self.indent}{head}\n")
        self.body.extend(inner.body)
        self.body.append(f"{self.indent}}}\n")

    @property
    def source(self) -> str:
        head = f"digraph {quote(self.name)} {{" if self.name else "digraph {"
        return f"{head}\n{''.join(self.body)}}}\n"
