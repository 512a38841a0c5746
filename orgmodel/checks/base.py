"""What a check kind is: a pure function over the model, with its parameters declared."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from orgmodel.attributes import values
from orgmodel.finding import Severity
from orgmodel.records import Record

if TYPE_CHECKING:
    from orgmodel.columns import OrgColumns
    from orgmodel.model import Entity, Org, Role, Value
    from orgmodel.vocabulary import Vocabulary

Params = Mapping[str, Any]


class Hit(Record):
    """One place where a check fired.

    ``case`` picks the rule's message template; ``fields`` fill it in (the
    entity's ID is always there as ``{entity}``). ``severity`` overrides the
    rule's for this hit only (e.g. HIER004's equal-rank case).
    """

    __slots__ = ("entity", "line", "column", "end_column", "case", "fields", "severity")
    entity: str | None
    line: int
    column: int
    end_column: int
    case: str
    fields: Mapping[str, object]
    severity: Severity | None

    def __init__(self, entity: str | None, line: int, column: int, end_column: int = 0, case: str = "default",
                 fields: Mapping[str, object] | None = None, severity: Severity | None = None) -> None:
        self._init(entity=entity, line=line, column=column, end_column=end_column, case=case,
                   fields={} if fields is None else fields, severity=severity)


class Param(Record):
    """A parameter of a check kind, with everything that makes a value valid.

    ``type`` is one of: int, bool, str, words (list of strings), table (string
    to list of strings), pairs (list of lists of strings), where (a role
    filter), severity, entity (role, kpi or campaign), attribute (a key of
    the declaration kind named by the parameter ``of``), level (one level).
    :mod:`orgmodel.checks.params` checks values against this, once, when a
    pack or a configuration is loaded.
    """

    __slots__ = ("type", "default", "required", "help", "choices", "vocabulary", "keys", "items", "minimum", "of",
                 "names")
    type: str
    default: Any
    required: bool
    help: str
    choices: tuple[str, ...]  # str: the only values allowed
    vocabulary: str | None  # words, table values: "levels", "layers", "scopes" or "responsibilities"
    keys: str | None  # table: the vocabulary its keys come from
    items: tuple[int, int | None]  # words: how many; pairs: how many in each group
    minimum: int | None  # int: the smallest value
    of: str  # attribute: the parameter naming the declaration kind
    names: str | None  # attribute: the kind of declaration its values must name ("role")

    def __init__(self, type: str, default: Any = None, required: bool = False, help: str = "",
                 choices: tuple[str, ...] = (), vocabulary: str | None = None, keys: str | None = None,
                 items: tuple[int, int | None] = (0, None), minimum: int | None = None, of: str = "entity",
                 names: str | None = None) -> None:
        self._init(type=type, default=default, required=required, help=help, choices=choices,
                   vocabulary=vocabulary, keys=keys, items=items, minimum=minimum, of=of, names=names)


CheckFunction = Callable[["Org", Params, "Vocabulary"], Iterator[Hit]]
# Whether a rule of the kind can fire on an org, asked of its columns before any model is built:
# False only when ``run`` would yield nothing (see orgmodel.checks.rows).
ScreenFunction = Callable[["OrgColumns", Params, "Vocabulary"], bool]


def named_roles(org: Org, entity_kind: str, attribute: str) -> Iterator[tuple[Entity, Value, Role]]:
    """``(entity, value, role)`` for each value of ``attribute`` that names a declared role.

    Values naming nothing are skipped: they are REF002's business.
    """
    from orgmodel.model import Value

    for entity in org.entities(entity_kind).values():
        for value in values(entity, attribute):
            if not isinstance(value, Value):
                continue
            target = org.roles.get(value.text)
            if target is not None:
                yield entity, value, target


def assumed(role: Role) -> bool:
    """Whether the role's level is the pack's default for a title it could not read.

    Such a level drives no finding of its own: rules that compare levels skip
    the role, and TITLE002 reports the assumption where it matters.
    """
    return role.level_origin == "default"


class CheckKind(Record):
    """A generic check; rules in a pack name it by ``name`` and set its params.

    ``cases``: case name -> the fields its message template may use besides
    {entity}; ``default_messages``: templates for cases a rule need not word
    itself (e.g. a case its params rule out); ``validate``: checks across
    parameters, after each was checked alone, giving (parameter, why) or None;
    ``screen``: whether a rule of the kind can fire, asked of the columns
    first (None: the check always runs on the model).
    """

    __slots__ = ("name", "run", "summary", "params", "cases", "default_messages", "validate", "screen")
    name: str
    run: CheckFunction
    summary: str
    params: Mapping[str, Param]
    cases: Mapping[str, tuple[str, ...]]
    default_messages: Mapping[str, str]
    validate: Callable[[Params, Vocabulary], tuple[str, str] | None] | None
    screen: ScreenFunction | None

    def __init__(self, name: str, run: CheckFunction, summary: str, params: Mapping[str, Param] | None = None,
                 cases: Mapping[str, tuple[str, ...]] | None = None, default_messages: Mapping[str, str] | None = None,
                 validate: Callable[[Params, Vocabulary], tuple[str, str] | None] | None = None,
                 screen: ScreenFunction | None = None) -> None:
        self._init(name=name, run=run, summary=summary, params={} if params is None else params,
                   cases={"default": ()} if cases is None else cases,
                   default_messages={} if default_messages is None else default_messages, validate=validate,
                   screen=screen)
