"""Syntax tree to model: value checks, level inference, and reference resolution.

IDs share one namespace across kinds, so a reference can be told that it
names a team where a role was expected.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orgmodel.dsl import lookalike
from orgmodel.dsl.grammar import KINDS, KeySpec, is_identifier
from orgmodel.dsl.syntax import Attribute, Declaration, Document, Problem, Token
from orgmodel.model import ENTITY_CLASSES, ENTITY_FIELDS, Org, Value
from orgmodel.sanitise import token as short
from orgmodel.suggest import Suggester, did_you_mean
from orgmodel.vocabulary import Vocabulary

# The model field of each key: reports-to -> reports_to.
_FIELD = {key: key.replace("-", "_") for spec in KINDS.values() for key in spec.keys}


def _problem(code: str, message: str, token: Token, entity: str | None) -> Problem:
    return Problem(code, message, token.line, token.column, token.end_column, entity)


class _Reader:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.problems: list[Problem] = []
        self.kind_of: dict[str, str] = {}  # ID -> kind of its first declaration
        self.first_at: dict[str, int] = {}  # ID -> line of its first declaration
        self.kinds_of: dict[str, set[str]] = {}  # ID -> every kind declared with it
        self.duplicates: list[str] = []  # model keys of second declarations of an ID of the same kind
        self.references: list[tuple[Value, str, str]] = []  # value, expected kind, referrer
        self.entities: dict[str, dict[str, Any]] = {field: {} for field in ENTITY_FIELDS.values()}
        self.identifiers: set[str] = set()  # words already found valid (IDs repeat)
        self.org_name: str | None = None
        self.org_line: int | None = None

    def declaration(self, declaration: Declaration) -> None:
        kind = declaration.kind.text
        text = declaration.text.text if declaration.text is not None else ""
        if declaration.text is not None and not text.strip():
            what = "title" if kind == "role" else "name"
            entity = declaration.id.text if declaration.id is not None else None
            self.problems.append(_problem(
                "SYN006", f"the {kind}'s {what} is empty; write it between the quotes", declaration.text, entity))
        if kind == "org":
            if self.org_line is not None:
                self.problems.append(_problem(
                    "REF001", f"org is declared twice (first on line {self.org_line}); keep one org line",
                    declaration.kind, None))
                return
            self.org_name, self.org_line = text, declaration.kind.line
            return
        assert declaration.id is not None  # the parser drops ID-less declarations
        id_token = declaration.id
        entity_id = id_token.text
        key = self.key_for(kind, entity_id, id_token)
        fields = self.attributes(kind, key, declaration.attributes)
        if kind == "role":
            fields["title"] = text
            fields.update(self.vocabulary.role_facts(text, fields.get("level"), fields.get("layer")))
        else:
            fields["name"] = text
        if kind == "kpi":
            self.kpi_scope(text, fields)
        self.entities[ENTITY_FIELDS[kind]][key] = ENTITY_CLASSES[kind](
            id=key, line=id_token.line, column=id_token.column, **fields)

    def key_for(self, kind: str, entity_id: str, id_token: Token) -> str:
        """The model key of a declaration: its ID, or for a second declaration of the same kind ``ID.N``.

        A duplicate is kept, not dropped, so that it is still drawn and checked
        (a role and a team called ``growth`` are both real); references resolve
        to the declaration of the kind they expect, and to the first of a kind.
        """
        kinds = self.kinds_of.setdefault(entity_id, set())
        if entity_id in self.kind_of:
            self.problems.append(_problem(
                "REF001",
                f"'{short(entity_id)}' is already declared as a {self.kind_of[entity_id]} on line "
                f"{self.first_at[entity_id]}; give this {kind} another ID",
                id_token, entity_id))
        else:
            self.kind_of[entity_id] = kind
            self.first_at[entity_id] = id_token.line
        if kind not in kinds:
            kinds.add(kind)
            return entity_id
        entities = self.entities[ENTITY_FIELDS[kind]]
        number = 2
        while f"{entity_id}.{number}" in entities:
            number += 1
        self.duplicates.append(f"{entity_id}.{number}")
        return f"{entity_id}.{number}"

    def kpi_scope(self, name: str, fields: dict[str, Any]) -> None:
        """A KPI's scope as written, or as its name says ("Customer Acquisition Cost": execution)."""
        if "scope" in fields:
            fields["scope_origin"] = "written"
            return
        reading = self.vocabulary.kpi_scope(name)
        if reading.value is not None:
            fields.update(scope=reading.value, scope_origin="name", scope_words=reading.words)

    def attributes(self, kind: str, entity_id: str, attributes: tuple[Attribute, ...]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        # Values of repeating keys gather in lists: adding tuples line by line was
        # quadratic (160,000 `owner` lines took a minute).
        repeated: dict[str, list[Any]] = {}
        seen: dict[str, int] = {}
        keys = KINDS[kind].keys
        for attribute in attributes:
            key = attribute.key.text
            spec = keys[key]
            tokens = attribute.values
            if spec.repeats:
                values = repeated.setdefault(_FIELD[key], [])
                values.extend(v for v in (self.value(spec, key, t, entity_id) for t in tokens) if v is not None)
                continue
            if key in seen:
                self.problems.append(_problem(
                    "SYN004", f"'{key}' is given twice for '{short(entity_id)}' (first on line {seen[key]}); keep one",
                    attribute.key, entity_id))
                continue
            seen[key] = attribute.key.line
            if len(tokens) > 1:
                self.problems.append(_problem(
                    "SYN003", f"'{key}' takes one value, not {len(tokens)}", tokens[1], entity_id))
                continue
            value = self.value(spec, key, tokens[0], entity_id)
            if key == "person" and isinstance(value, str) and self.vocabulary.means_vacant(value):
                self.problems.append(_problem(
                    "SYN005", f"person \"{value}\" reads as a vacancy; write: person vacant", tokens[0], entity_id))
                value = _VACANT
            if value is not None:
                self.single(fields, key, value)
        fields.update((field, tuple(values)) for field, values in repeated.items())
        return fields

    def single(self, fields: dict[str, Any], key: str, value: Any) -> None:
        if key == "person":
            fields["vacant"] = value is _VACANT
            fields["person"] = None if value is _VACANT else value
        elif key == "team":
            fields["team"] = value
        else:
            fields[key] = value.text if isinstance(value, Value) else value

    def value(self, spec: KeySpec, key: str, token: Token, entity_id: str) -> Any:
        """The model value of one token, or None after reporting why it is invalid."""
        kind = spec.value
        if kind == "ref" or kind == "word":  # the most common: checked first
            if token.kind != "word":
                return self.invalid(f"'{key}' takes a word or ID, not a quoted string", token, entity_id)
            text = token.text
            if text not in self.identifiers:
                if not is_identifier(text):
                    return self.invalid(
                        f"'{short(text)}' is not a valid {'ID' if kind == 'ref' else 'word'}: start "
                        "with a letter, then use letters, digits, '-' or '_'", token, entity_id)
                self.identifiers.add(text)
            value = Value(text, token.line, token.column, token.end_column)
            if kind == "ref":
                assert spec.target is not None
                self.references.append((value, spec.target, entity_id))
            return value
        if kind == "string" or (kind == "person" and token.kind == "string"):
            if token.kind == "string":
                if not token.text.strip():
                    self.problems.append(_problem(
                        "SYN006", f"'{key}' is empty for '{entity_id}'; write it between the quotes"
                        f"{' (or person vacant)' if key == 'person' else ''}", token, entity_id))
                return token.text
            return self.invalid(f"'{key}' takes a quoted string, e.g. {key} \"TEXT\"", token, entity_id)
        if kind == "person":
            if token.text == "vacant":
                return _VACANT
            return self.invalid(
                f"person is a quoted name or the word vacant, not '{short(token.text)}'", token, entity_id)
        if token.kind != "word":
            return self.invalid(f"'{key}' takes a word or ID, not a quoted string", token, entity_id)
        allowed = self.vocabulary.words(kind)  # level, layer or scope
        if token.text not in allowed:
            return self.invalid(
                f"unknown {kind} '{short(token.text)}'{did_you_mean(token.text, allowed)}; "
                f"use one of: {', '.join(allowed)}", token, entity_id)
        return Value(token.text, token.line, token.column, token.end_column)

    def invalid(self, message: str, token: Token, entity_id: str) -> None:
        self.problems.append(_problem("SYN003", message, token, entity_id))

    def resolve(self) -> None:
        self.unresolved()
        self.lookalikes()

    def unresolved(self) -> None:
        """REF002 on each reference that names no declaration of the kind it expects."""
        suggesters: dict[str, Suggester] = {}
        for value, expected, referrer in self.references:
            if expected in self.kinds_of.get(value.text, ()):
                continue
            actual = self.kind_of.get(value.text)
            if actual is None:
                if expected not in suggesters:
                    suggesters[expected] = Suggester(i for i, kinds in self.kinds_of.items() if expected in kinds)
                message = (f"no {expected} '{short(value.text)}' is declared"
                           f"{suggesters[expected](value.text)}; declare it or fix the ID")
            else:
                message = f"'{short(value.text)}' is a {actual}, not a {expected}"
            self.problems.append(Problem(
                "REF002", message, value.line, value.column, value.end_column, referrer))

    def lookalikes(self) -> None:
        """REF003 on each ID that looks like another (``сmo`` with a Cyrillic ``с`` next to ``cmo``)."""
        def position(entity_id: str) -> tuple[int, int]:
            entity = self.entities[ENTITY_FIELDS[self.kind_of[entity_id]]][entity_id]
            return entity.line, entity.column

        self.problems.extend(lookalike.problems(list(self.kind_of), position))


class _Vacant:
    """Marks ``person vacant`` while values are converted."""


_VACANT = _Vacant()


def build(document: Document | Iterable[Declaration], vocabulary: Vocabulary, path: str,
          ) -> tuple[Org, list[Problem]]:
    """The model of a parsed file (or of declarations as they are read) and the problems found."""
    reader = _Reader(vocabulary)
    declarations = document.declarations if isinstance(document, Document) else document
    for declaration in declarations:
        reader.declaration(declaration)
    reader.resolve()
    org = Org(path=path, name=reader.org_name, name_line=reader.org_line, duplicates=frozenset(reader.duplicates),
              **reader.entities)
    return org, reader.problems
