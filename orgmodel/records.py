"""Small immutable value classes that cost nothing to define.

attrs writes and compiles the methods of each class when its module is
imported, about half a millisecond a class, and importing attrs itself costs
a small file's check more than reading and checking it. A :class:`Record`
lists its fields in ``__slots__`` and sets them in its own ``__init__``
(through :meth:`Record._init`); equality, hashing and ``repr`` come from the
fields, and assigning to a field afterwards raises, as on an ``attrs.frozen``
class. ``__fields__`` names the fields ``__init__`` takes, in order, when
some slots are not fields (caches); ``__compare__`` the ones equality and
hashing use, when not all.

``attrs.evolve``, ``attrs.asdict`` and ``attrs.fields`` work on records as on
attrs classes: the first time attrs looks for a record class's fields, the
metaclass describes them (a field ``_org`` is passed to ``__init__`` as
``org``, as attrs does). So the public classes that API users evolve
(``CheckResult``, ``Finding``, ``RulePack``, ``Rule``, ``Vocabulary``) are
records too, and a check never imports attrs; the model's classes, which
are built only when someone asks for the model, stay attrs classes.
"""

from __future__ import annotations

from typing import Any, Self

_set = object.__setattr__


class FrozenError(AttributeError):
    """An assignment to a field of a record."""


class _Described(type):
    """Gives a record class ``__attrs_attrs__`` when attrs first asks for it."""

    def __getattr__(cls, name: str) -> Any:
        if name != "__attrs_attrs__":
            raise AttributeError(name)
        import attrs

        fields = {name: attrs.field(alias=name.lstrip("_")) for name in cls._names()}
        described = attrs.make_class(cls.__name__, fields, frozen=True).__attrs_attrs__  # type: ignore[attr-defined]
        type.__setattr__(cls, "__attrs_attrs__", described)
        return described


class Record(metaclass=_Described):
    __slots__: tuple[str, ...] = ()
    __fields__: tuple[str, ...] | None = None  # the fields __init__ takes, in order (None: every slot)
    __compare__: tuple[str, ...] | None = None  # the fields equality and hashing use (None: every field)

    @classmethod
    def _names(cls) -> tuple[str, ...]:
        return cls.__fields__ if cls.__fields__ is not None else cls.__slots__

    def _init(self, **fields: Any) -> None:
        for name, value in fields.items():
            _set(self, name, value)

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._names())

    def _compared(self) -> tuple[Any, ...]:
        names = self.__compare__
        return self._fields() if names is None else tuple(getattr(self, name) for name in names)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"{type(self).__name__}.{name} cannot be changed")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"{type(self).__name__}.{name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, *self._compared()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name.lstrip('_')}={getattr(self, name)!r}" for name in self._names())
        return f"{self.__class__.__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle: rebuild through __init__
        return (self.__class__, self._fields())

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (what ``attrs.evolve`` does)."""
        fields = {name.lstrip("_"): value for name, value in zip(self._names(), self._fields(), strict=True)}
        fields.update(changes)
        return self.__class__(**fields)
