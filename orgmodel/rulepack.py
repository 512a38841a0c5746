"""Loading rule packs: TOML files of sources, a vocabulary (or additions to it) and rules.

Every rule is validated once, here, against its check kind's parameter
schema and message cases; check functions trust what they receive. Errors
name the file, the line, the rule and the key at fault.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgmodel.checks import CHECK_KINDS, LANGUAGE_KIND
from orgmodel.checks.base import CheckKind
from orgmodel.finding import SEVERITY_WORDS, Severity
from orgmodel.records import Record
from orgmodel.toml_lines import TomlText
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.vocabulary_schema import VocabularyError

# Building a pack (TOML, validation: tomllib, orgmodel.vocabulary_schema, orgmodel.checks.params) is
# imported only when a pack is built: the built-in one usually comes from orgmodel.pack_cache.

CODE_PATTERN = r"[A-Z][A-Z0-9]*[0-9]{3}"
RULE_KEYS = {
    "code", "name", "severity", "opt-in", "kind", "summary", "source", "principle",
    "why", "fix", "params", "message", "example",
}
TOP_KEYS = ("source", "vocabulary", "extend-vocabulary", "rule")


class PackError(Exception):
    """A rule pack that cannot be used; ``str()`` is one line with file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class Source(Record):
    """A document rules cite: its ID, title and file."""

    __slots__ = ("id", "title", "file")
    id: str
    title: str
    file: str

    def __init__(self, id: str, title: str, file: str) -> None:
        self._init(id=id, title=title, file=file)


class Rule(Record):
    """A rule of a pack. ``fires``: an org snippet that makes it fire; ``passes``: the snippet fixed;
    ``pack``: the file it came from; ``opt_in``: it runs only when a configuration or --select names it."""

    __slots__ = ("code", "name", "severity", "kind", "summary", "source", "principle", "why", "fix", "params",
                 "messages", "fires", "passes", "pack", "opt_in")
    code: str
    name: str
    severity: Severity
    kind: CheckKind
    summary: str
    source: Source
    principle: str
    why: str
    fix: str
    params: Mapping[str, Any]
    messages: Mapping[str, str]
    fires: str
    passes: str
    pack: str
    opt_in: bool

    def __init__(self, code: str, name: str, severity: Severity, kind: CheckKind, summary: str, source: Source,
                 principle: str, why: str, fix: str, params: Mapping[str, Any], messages: Mapping[str, str],
                 fires: str, passes: str, pack: str, opt_in: bool = False) -> None:
        self._init(code=code, name=name, severity=severity, kind=kind, summary=summary, source=source,
                   principle=principle, why=why, fix=fix, params=params, messages=messages, fires=fires,
                   passes=passes, pack=pack, opt_in=opt_in)


class RulePack(Record):
    """Rules by code, the vocabulary they use, and their sources.

    ``known_codes``: every code the pack was built with, including rules a
    configuration switched off (empty: the codes of ``rules``); ``opted_in``:
    opt-in rules that a selection named, so that they run.
    """

    __slots__ = ("rules", "vocabulary", "sources", "known_codes", "opted_in")
    rules: Mapping[str, Rule]
    vocabulary: Vocabulary
    sources: Mapping[str, Source]
    known_codes: frozenset[str]
    opted_in: frozenset[str]

    def __init__(self, rules: Mapping[str, Rule], vocabulary: Vocabulary, sources: Mapping[str, Source],
                 known_codes: frozenset[str] = frozenset(), opted_in: frozenset[str] = frozenset()) -> None:
        self._init(rules=rules, vocabulary=vocabulary, sources=sources, known_codes=known_codes, opted_in=opted_in)

    def runs(self, rule: Rule) -> bool:
        """Whether ``rule`` runs: every rule of the pack, but an opt-in one only when selected."""
        return not rule.opt_in or rule.code in self.opted_in


class _File(TomlText):
    def error(self, message: str, code: str | None = None, key: str | None = None, table: str = "rule") -> PackError:
        return PackError(self.path, self.line_of(code, key, table), message)

    def vocabulary_error(self, error: VocabularyError) -> PackError:
        return PackError(self.path, self.line_of_path(error.path), f"{error.key}: {error.message}")


def checked_params(kind: CheckKind, given: Mapping[str, Any], vocabulary: Vocabulary,
                   ) -> tuple[dict[str, Any], tuple[str, str] | None]:
    """The complete parameters (defaults filled in) and the first ``(parameter, why)`` wrong with them."""
    from orgmodel.checks.params import param_error, params_error

    params: dict[str, Any] = {}
    for name, value in given.items():
        error = param_error(kind, name, value, vocabulary)
        if error is not None:
            return params, (name, error)
        params[name] = value
    for name, param in kind.params.items():
        if name not in params:
            if param.required:
                return params, ("params", f"kind {kind.name} needs parameter '{name}'")
            params[name] = param.default
    return params, params_error(kind, params, vocabulary)


def _params(file: _File, code: str, kind: CheckKind, given: Any, vocabulary: Vocabulary) -> dict[str, Any]:
    if not isinstance(given, dict):
        raise file.error(f"rule {code}: params must be a table", code, "params")
    params, problem = checked_params(kind, given, vocabulary)
    if problem is not None:
        raise file.error(f"rule {code}: {problem[1]}", code, problem[0])
    return params


def template_error(template: str, fields: tuple[str, ...]) -> str | None:
    """Why a message template cannot be filled safely with ``fields``, or None.

    Only plain ``{field}`` placeholders: no format specs (``{entity:>300000000}``
    would build a huge string), conversions or attribute and index access.
    """
    import string

    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        return f"is not a valid template ({error}); write {{{{ and }}}} for literal braces"
    allowed = ("entity", *fields)
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if spec or conversion or field not in allowed:
            shown = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return (f"uses '{shown}'; it may use " + ", ".join("{" + f + "}" for f in allowed)
                    + " (plain placeholders only)")
    return None


def _messages(file: _File, code: str, kind: CheckKind, given: Any) -> dict[str, str]:
    if not kind.cases:
        return {}
    if isinstance(given, str):
        given = {case: given for case in kind.cases}  # one template for every case
    if not isinstance(given, dict):
        raise file.error(f"rule {code}: message must be a string or a table of strings by case", code, "message")
    for case in given:
        if case not in kind.cases:
            raise file.error(f"rule {code}: kind {kind.name} has no case '{case}' "
                             f"(cases: {', '.join(kind.cases)})", code, "message")
    for case, fields in kind.cases.items():
        template = given.get(case, kind.default_messages.get(case))
        if not isinstance(template, str):
            raise file.error(f"rule {code}: kind {kind.name} needs message.{case}", code, "message")
        error = template_error(template, fields)
        if error:
            raise file.error(f"rule {code}: message.{case} {error}", code, "message")
    return {case: given.get(case, kind.default_messages.get(case, "")) for case in kind.cases}


def _text(file: _File, code: str, raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise file.error(f"rule {code}: '{key}' must be a non-empty string", code, key)
    return value.strip()


def _choice(file: _File, code: str, raw: Mapping[str, Any], key: str, choices: Mapping[str, Any]) -> Any:
    value = raw.get(key)
    if not isinstance(value, str) or value not in choices:
        raise file.error(f"rule {code}: unknown {key} {value!r} ({key}s: {', '.join(choices)})", code, key)
    return choices[value]


def _rule(file: _File, raw: Any, sources: Mapping[str, Source], vocabulary: Vocabulary, builtin: bool) -> Rule:
    if not isinstance(raw, dict):
        raise file.error("each [[rule]] must be a table")
    code = raw.get("code")
    if not isinstance(code, str) or not _is_code(code):
        raise file.error(f"rule code {code!r} must be capital letters then three digits, e.g. KPI001", key="code")
    for key in raw:
        if key not in RULE_KEYS:
            raise file.error(f"rule {code}: unknown key '{key}' (allowed: {', '.join(sorted(RULE_KEYS))})", code, key)
    texts = {key: _text(file, code, raw, key) for key in ("name", "summary", "principle", "why", "fix")}
    if raw.get("severity") not in SEVERITY_WORDS:
        raise file.error(f"rule {code}: severity must be one of {', '.join(SEVERITY_WORDS)}", code, "severity")
    if not isinstance(raw.get("opt-in", False), bool):
        raise file.error(f"rule {code}: opt-in must be true or false", code, "opt-in")
    kind = _choice(file, code, raw, "kind", CHECK_KINDS)
    if kind.name == LANGUAGE_KIND and not builtin:
        raise file.error(f"rule {code}: kind {LANGUAGE_KIND} is orgmodel's reader's own (it reports "
                         "problems in the text, and never fires for a pack's rule); choose another kind", code, "kind")
    source = _choice(file, code, raw, "source", sources)
    example = raw.get("example")
    if not (isinstance(example, dict) and isinstance(example.get("fires"), str)
            and isinstance(example.get("passes"), str)):
        raise file.error(f"rule {code}: needs example.fires and example.passes (org snippets)", code, "example")
    return Rule(
        code=code, severity=Severity.parse(raw["severity"]), kind=kind, source=source, **texts,
        params=_params(file, code, kind, raw.get("params", {}), vocabulary),
        messages=_messages(file, code, kind, raw.get("message")),
        fires=example["fires"], passes=example["passes"], pack=file.path, opt_in=raw.get("opt-in", False),
    )


def _is_code(code: str) -> bool:
    import re

    return re.fullmatch(CODE_PATTERN, code) is not None


def _read(path: str, text: str) -> tuple[_File, dict[str, Any]]:
    import tomllib

    file = _File(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        import re

        match = re.search(r"line (\d+)", str(error))
        raise PackError(path, int(match.group(1)) if match else 1, f"not valid TOML: {error}") from None
    for key in data:
        if key not in TOP_KEYS:
            raise file.error(f"unknown top-level key '{key}' (allowed: {', '.join(TOP_KEYS)})", key=key, table=key)
    for key in ("source", "rule"):
        if key in data and not isinstance(data[key], list):
            raise file.error(f"'{key}' must be an array of tables: write [[{key}]]", key=key, table=key)
    return file, data


def _vocabulary(files: list[tuple[_File, dict[str, Any]]], base: Vocabulary | None) -> Vocabulary:
    """The vocabulary in force: the last ``[vocabulary]`` (or ``base``'s), then every extension."""
    from orgmodel.vocabulary_schema import VocabularyError, extend_vocabulary, read_vocabulary

    vocabulary = base
    for file, data in files:
        try:
            if "vocabulary" in data:
                vocabulary = read_vocabulary(data["vocabulary"])
            if "extend-vocabulary" in data:
                if vocabulary is None:
                    raise VocabularyError(("extend-vocabulary",), "there is no vocabulary to extend yet")
                vocabulary = extend_vocabulary(vocabulary, data["extend-vocabulary"])
        except VocabularyError as error:
            raise file.vocabulary_error(error) from None
    if vocabulary is None:
        raise PackError(files[0][0].path if files else "<pack>", 1, "no [vocabulary] in the pack")
    return vocabulary


def _recheck(rules: Mapping[str, Rule], vocabulary: Vocabulary, file: _File) -> None:
    """Rules of earlier packs must stay valid under a vocabulary a later pack replaced."""
    for rule in rules.values():
        _, problem = checked_params(rule.kind, rule.params, vocabulary)
        if problem is not None:
            raise PackError(file.path, file.line_of_path(("vocabulary",)),
                            f"this vocabulary breaks rule {rule.code} of {rule.pack}: {problem[1]}")


def build_pack(texts: Iterable[tuple[str, str]], base: RulePack | None = None, builtin: bool = False) -> RulePack:
    """A pack from ``(path, text)`` pairs, added to ``base`` (e.g. the built-in pack)."""
    files = [_read(path, text) for path, text in texts]
    sources = dict(base.sources) if base else {}
    for file, data in files:
        for raw in data.get("source", []):
            if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in ("id", "title", "file")):
                raise file.error("each [[source]] needs id, title and file strings", key="source", table="source")
            sources[raw["id"]] = Source(raw["id"], raw["title"], raw["file"])
    vocabulary = _vocabulary(files, base.vocabulary if base else None)
    rules = dict(base.rules) if base else {}
    replaced = [file for file, data in files if "vocabulary" in data]
    if base and replaced:
        _recheck(rules, vocabulary, replaced[-1])
    for file, data in files:
        for raw in data.get("rule", []):
            rule = _rule(file, raw, sources, vocabulary, builtin)
            if rule.code in rules:
                raise PackError(file.path, file.line_of(rule.code, last=True),
                                f"rule {rule.code} is defined twice (also in {rules[rule.code].pack})")
            rules[rule.code] = rule
    return RulePack(rules=dict(sorted(rules.items())), vocabulary=vocabulary, sources=sources)


def builtin_texts() -> list[tuple[str, str]]:
    """The built-in pack's files, from the installed package (``rules/`` in the repository)."""
    import orgmodel.rules  # a plain folder once installed; importlib.resources would cost 5 ms of imports

    folder = Path(orgmodel.rules.__file__).parent
    return [(f"rules/{entry.name}", entry.read_text(encoding="utf-8")) for entry in sorted(folder.glob("*.toml"))]


@functools.cache
def load_builtin() -> RulePack:
    """The built-in pack, loaded once per process (it is immutable), from the pack cache when it can be."""
    from orgmodel import pack_cache

    texts = builtin_texts()
    return pack_cache.cached(texts, lambda: build_pack(texts, builtin=True))  # type: ignore[no-any-return]


def load_packs(paths: Iterable[str | Path], base: RulePack | None = None) -> RulePack:
    """The built-in pack (or ``base``) with the pack files at ``paths`` added."""
    from orgmodel import files

    texts = []
    for path in paths:
        try:
            texts.append((str(path), files.read_regular_text(path)))  # a FIFO would hang, /dev/zero never end
        except (OSError, UnicodeDecodeError) as error:
            raise PackError(str(path), 1, f"cannot read the rule pack: {error}") from None
    return build_pack(texts, base or load_builtin())
