"""Regular expressions compiled once per installation, not at every start.

Compiling the fast path's patterns (``re.compile``: parsing, then generating
the engine's program, in Python) took four milliseconds at every start, a
tenth of a small file's whole check. :func:`compiled` keeps each pattern's
program in the per-user cache (``orgmodel.pack_cache``: a verified folder,
entries checked against their hash) and later hands it straight to the
engine. The cache is keyed by the exact Python build, since the program's
format is CPython's own; anything unexpected falls back to ``re.compile``.
"""

from __future__ import annotations

import marshal
import re
from typing import Any

_programs: dict[tuple[str, int], tuple[Any, ...]] | None = None  # (pattern, flags) -> what _sre.compile takes
_compiled: dict[tuple[str, int], re.Pattern[str]] = {}


def _entry() -> str:
    from orgmodel import pack_cache

    return pack_cache.entry("patterns", "")


def _load() -> dict[tuple[str, int], tuple[Any, ...]]:
    from orgmodel import pack_cache

    payload = pack_cache.load(_entry())
    try:
        found = marshal.loads(payload) if payload is not None else {}
    except (ValueError, EOFError, TypeError):
        found = {}
    return found if isinstance(found, dict) else {}


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cached program when there is one."""
    global _programs
    flags = int(flags)  # a RegexFlag is an int subclass, which marshal does not take
    key = (pattern, flags)
    found = _compiled.get(key)
    if found is not None:
        return found
    if _programs is None:
        _programs = _load()
    program = _programs.get(key)
    if program is not None:
        try:
            found = _sre_compile(pattern, program)
        except Exception:
            found = None
    if found is None:
        found, program = _compile(pattern, flags)
        if program is not None:
            _programs[key] = program
            from orgmodel import pack_cache

            try:
                pack_cache.store(_entry(), marshal.dumps(_programs))
            except ValueError:  # something marshal cannot hold: keep the program for this run only
                pass
    _compiled[key] = found
    return found


def _sre_compile(pattern: str, program: tuple[Any, ...]) -> re.Pattern[str]:
    import _sre  # type: ignore[import-not-found]

    flags, code, groups, groupindex, indexgroup = program
    made: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return made


def _compile(pattern: str, flags: int) -> tuple[re.Pattern[str], tuple[Any, ...] | None]:
    """The compiled pattern, and its program when this Python's internals are as expected."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # Plain ints: the flags and opcodes are int subclasses, which marshal does not take.
        program = (int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1,
                   {name: int(index) for name, index in groupindex.items()}, tuple(indexgroup))
        made = _sre_compile(pattern, program)
        if made.pattern == pattern and made.groups == re.compile(pattern, flags).groups:
            return made, program
    except Exception:
        pass
    return re.compile(pattern, flags), None
