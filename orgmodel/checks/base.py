"""What a check kind is: a pure function over the model, with its parameters declared."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from orgmodel.finding import Severity

from orgmodel.model import Entity, Org, Role, Value, values

if TYPE_CHECKING:
    from orgmodel.columns import OrgColumns
    from orgmodel.vocabulary import Vocabulary

Params = Mapping[str, Any]


@attrs.frozen
class Hit:
    """One place where a check fired.

    ``case`` picks the rule's message template; ``fields`` fill it in (the
    entity's ID is always there as ``{entity}``). ``severity`` overrides the
    rule's for this hit only (e.g. HIER004's equal-rank case).
    """

    entity: str | None
    line: int
    column: int
    end_column: int = 0
    case: str = "default"
    fields: Mapping[str, object] = attrs.field(factory=dict)
    severity: Severity | None = None


@attrs.frozen
class Param:
    """A parameter of a check kind, with everything that makes a value valid.

    ``type`` is one of: int, bool, str, words (list of strings), table (string
    to list of strings), pairs (list of lists of strings), where (a role
    filter), severity, entity (role, kpi or campaign), attribute (a key of
    the declaration kind named by the parameter ``of``), level (one level).
    :mod:`orgmodel.checks.params` checks values against this, once, when a
    pack or a configuration is loaded.
    """

    type: str
    default: Any = None
    required: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()  # str: the only values allowed
    vocabulary: str | None = None  # words, table values: "levels", "layers", "scopes" or "responsibilities"
    keys: str | None = None  # table: the vocabulary its keys come from
    items: tuple[int, int | None] = (0, None)  # words: how many; pairs: how many in each group
    minimum: int | None = None  # int: the smallest value
    of: str = "entity"  # attribute: the parameter naming the declaration kind
    names: str | None = None  # attribute: the kind of declaration its values must name ("role")


CheckFunction = Callable[["Org", Params, "Vocabulary"], Iterator[Hit]]
# Whether a rule of the kind can fire on an org, asked of its columns before any model is built:
# False only when ``run`` would yield nothing (see orgmodel.checks.rows).
ScreenFunction = Callable[["OrgColumns", Params, "Vocabulary"], bool]


def named_roles(org: Org, entity_kind: str, attribute: str) -> Iterator[tuple[Entity, Value, Role]]:
    """``(entity, value, role)`` for each value of ``attribute`` that names a declared role.

    Values naming nothing are skipped: they are REF002's business.
    """
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


@attrs.frozen
class CheckKind:
    """A generic check; rules in a pack name it by ``name`` and set its params."""

    name: str
    run: CheckFunction
    summary: str
    params: Mapping[str, Param] = attrs.field(factory=dict)
    # case name -> the fields its message template may use besides {entity}
    cases: Mapping[str, tuple[str, ...]] = attrs.field(factory=lambda: {"default": ()})
    # Templates for cases a rule need not word itself (e.g. a case its params rule out).
    default_messages: Mapping[str, str] = attrs.field(factory=dict)
    # Checks across parameters, after each was checked alone: (parameter, why) or None.
    validate: Callable[[Params, Vocabulary], tuple[str, str] | None] | None = None
    # None: the check always runs on the model.
    screen: ScreenFunction | None = None
