"""Small immutable value classes that cost nothing to define.

attrs writes and compiles the methods of each class when its module is
imported, about half a millisecond a class; a check that starts for one
small file paid that for some thirty classes before reading a line. A
:class:`Record` lists its fields in ``__slots__`` and sets them in its own
``__init__`` (through :meth:`Record._init`); equality, hashing and ``repr``
come from the fields, and assigning to a field afterwards raises, as it does
on an ``attrs.frozen`` class.

The classes API users pass to ``attrs.evolve`` or ``attrs.asdict`` stay attrs
classes (the model, ``CheckResult``, ``Finding``, ``RulePack``, ``Rule``,
``Vocabulary``); records are the internal ones.
"""

from __future__ import annotations

from typing import Any

_set = object.__setattr__


class FrozenError(AttributeError):
    """An assignment to a field of a record."""


class Record:
    __slots__: tuple[str, ...] = ()

    def _init(self, **fields: Any) -> None:
        for name, value in fields.items():
            _set(self, name, value)

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"{type(self).__name__}.{name} cannot be changed")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"{type(self).__name__}.{name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined,no-any-return]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, *self._fields()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle: rebuild through __init__
        return (self.__class__, self._fields())

    def replace(self, **changes: Any) -> Any:
        """A copy with ``changes`` (what ``attrs.evolve`` does for attrs classes)."""
        fields = dict(zip(self.__slots__, self._fields()))
        fields.update(changes)
        return self.__class__(**fields)
