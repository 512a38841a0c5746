"""Loading rule packs: TOML files of sources, a vocabulary and rules.

Every rule is validated once, here, against its check kind's parameter
schema; check functions trust what they receive. Errors name the file, the
line, the rule and the key at fault.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from orgmodel.checks import CHECK_KINDS
from orgmodel.checks.base import CheckKind
from orgmodel.checks.params import levels_error, param_error
from orgmodel.finding import SEVERITY_WORDS, Severity
from orgmodel.vocabulary import TitleLevel, Vocabulary

CODE = re.compile(r"[A-Z][A-Z0-9]*[0-9]{3}\Z")
RULE_KEYS = {
    "code", "name", "severity", "kind", "summary", "source", "principle",
    "why", "fix", "params", "message", "example",
}


class PackError(Exception):
    """A rule pack that cannot be used; ``str()`` is one line with file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@attrs.frozen
class Source:
    id: str
    title: str
    file: str


@attrs.frozen
class Rule:
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
    fires: str  # an org snippet that makes the rule fire
    passes: str  # the snippet fixed
    pack: str  # the file it came from


@attrs.frozen
class RulePack:
    rules: Mapping[str, Rule]
    vocabulary: Vocabulary
    sources: Mapping[str, Source]
    # Every code the pack was built with, including rules a configuration
    # switched off (empty: the codes of ``rules``).
    known_codes: frozenset[str] = frozenset()


class _File:
    """One pack file's text, for turning a rule and key into a line number."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.lines = path, text.splitlines()

    def line_of(self, code: str | None = None, key: str | None = None, table: str = "rule",
                last: bool = False) -> int:
        """The line of ``key`` within the rule ``code`` (its last definition if ``last``), else of the rule."""
        start = 0
        if code is not None:
            found = [i for i, line in enumerate(self.lines) if re.match(rf'\s*code\s*=\s*"{re.escape(code)}"', line)]
            start = (found[-1] if last else found[0]) if found else 0
        if key is None:
            return start + 1
        # The key as a line of its own, a dotted key, a table header, or inside an inline table.
        pattern = re.compile(rf'(^\s*|^\s*\[+{table}\.|[{{,.]\s*){re.escape(key)}\s*[=.\]]')
        end = len(self.lines)
        if code is not None:
            end = next((i for i in range(start + 1, len(self.lines)) if self.lines[i].strip() == f"[[{table}]]"), end)
        for i in range(start, end):
            if pattern.search(self.lines[i]):
                return i + 1
        return start + 1

    def error(self, message: str, code: str | None = None, key: str | None = None, table: str = "rule") -> PackError:
        return PackError(self.path, self.line_of(code, key, table), message)


def _params(file: _File, code: str, kind: CheckKind, given: Any, vocabulary: Vocabulary) -> dict[str, Any]:
    if not isinstance(given, dict):
        raise file.error(f"rule {code}: params must be a table", code, "params")
    params: dict[str, Any] = {}
    for name, value in given.items():
        error = param_error(kind, name, value, vocabulary)
        if error is not None:
            raise file.error(f"rule {code}: {error}", code, name)
        params[name] = value
    for name, param in kind.params.items():
        if name not in params:
            if param.required:
                raise file.error(f"rule {code}: kind {kind.name} needs parameter '{name}'", code, "params")
            params[name] = param.default
    return params


def _messages(file: _File, code: str, kind: CheckKind, given: Any) -> dict[str, str]:
    if not kind.cases:
        return {}
    if isinstance(given, str):
        given = {case: given for case in kind.cases}  # one template for every case
    if not isinstance(given, dict):
        raise file.error(f"rule {code}: message must be a string or a table of strings by case", code, "message")
    for case, fields in kind.cases.items():
        template = given.get(case, kind.default_messages.get(case))
        if not isinstance(template, str):
            raise file.error(f"rule {code}: kind {kind.name} needs message.{case}", code, "message")
        for _, field, _, _ in string.Formatter().parse(template):
            if field is not None and field not in (*fields, "entity"):
                raise file.error(f"rule {code}: message.{case} uses '{{{field}}}'; it may use "
                                 f"{', '.join('{' + f + '}' for f in ('entity', *fields))}", code, "message")
    for case in given:
        if case not in kind.cases:
            raise file.error(f"rule {code}: kind {kind.name} has no case '{case}' "
                             f"(cases: {', '.join(kind.cases)})", code, "message")
    return {case: given.get(case, kind.default_messages.get(case, "")) for case in kind.cases}


def _rule(file: _File, raw: Any, sources: Mapping[str, Source], vocabulary: Vocabulary) -> Rule:
    if not isinstance(raw, dict):
        raise file.error("each [[rule]] must be a table")
    code = raw.get("code")
    if not isinstance(code, str) or not CODE.match(code):
        raise file.error(f"rule code {code!r} must be capital letters then three digits, e.g. KPI001",
                         key="code")
    for key in raw:
        if key not in RULE_KEYS:
            raise file.error(f"rule {code}: unknown key '{key}' (allowed: {', '.join(sorted(RULE_KEYS))})", code, key)
    for key in ("name", "summary", "principle", "why", "fix"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise file.error(f"rule {code}: '{key}' must be a non-empty string", code, key)
    if raw.get("severity") not in SEVERITY_WORDS:
        raise file.error(f"rule {code}: severity must be one of {', '.join(SEVERITY_WORDS)}", code, "severity")
    kind = CHECK_KINDS.get(raw.get("kind", ""))
    if kind is None:
        raise file.error(f"rule {code}: unknown kind {raw.get('kind')!r} (kinds: {', '.join(CHECK_KINDS)})",
                         code, "kind")
    source = sources.get(raw.get("source", ""))
    if source is None:
        raise file.error(f"rule {code}: unknown source {raw.get('source')!r} (sources: {', '.join(sources)})",
                         code, "source")
    example = raw.get("example")
    if not (isinstance(example, dict) and isinstance(example.get("fires"), str)
            and isinstance(example.get("passes"), str)):
        raise file.error(f"rule {code}: needs example.fires and example.passes (org snippets)", code, "example")
    return Rule(
        code=code, name=raw["name"], severity=Severity.parse(raw["severity"]), kind=kind,
        summary=raw["summary"].strip(), source=source, principle=raw["principle"].strip(),
        why=raw["why"].strip(), fix=raw["fix"].strip(),
        params=_params(file, code, kind, raw.get("params", {}), vocabulary),
        messages=_messages(file, code, kind, raw.get("message")),
        fires=example["fires"], passes=example["passes"], pack=file.path,
    )


def _vocabulary(file: _File, raw: Any) -> Vocabulary:
    try:
        responsibilities = {
            keyword: kind for kind, keywords in raw["responsibilities"].items() for keyword in keywords
        }
        vocabulary = Vocabulary(
            levels=tuple(raw["levels"]), layers=tuple(raw["layers"]), scopes=tuple(raw["scopes"]),
            responsibilities=responsibilities, exclusive=tuple(raw["exclusive"]),
            title_levels=tuple(
                TitleLevel(row["level"], tuple(row["any"]), tuple(row.get("all", ())))
                for row in raw["title-level"]
            ),
            default_level=raw["default-level"],
        )
    except (KeyError, TypeError) as error:
        raise file.error(f"vocabulary: missing or malformed {error}", key="vocabulary", table="vocabulary") from None
    for row in vocabulary.title_levels:
        error = levels_error("title-level", [row.level], vocabulary)
        if error:
            raise file.error(f"vocabulary: {error}", key="level", table="vocabulary")
    return vocabulary


def _read(path: str, text: str) -> tuple[_File, dict[str, Any]]:
    file = _File(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise PackError(path, int(match.group(1)) if match else 1, f"not valid TOML: {error}") from None
    for key in data:
        if key not in ("source", "vocabulary", "rule"):
            raise file.error(f"unknown top-level key '{key}' (allowed: source, vocabulary, rule)", key=key, table=key)
    return file, data


def build_pack(texts: Iterable[tuple[str, str]], base: RulePack | None = None) -> RulePack:
    """A pack from ``(path, text)`` pairs, added to ``base`` (e.g. the built-in pack)."""
    files = [_read(path, text) for path, text in texts]
    sources = dict(base.sources) if base else {}
    vocabulary = base.vocabulary if base else None
    for file, data in files:
        for raw in data.get("source", []):
            if not all(isinstance(raw.get(k), str) for k in ("id", "title", "file")):
                raise file.error("each [[source]] needs id, title and file strings", key="source", table="source")
            sources[raw["id"]] = Source(raw["id"], raw["title"], raw["file"])
        if "vocabulary" in data:
            vocabulary = _vocabulary(file, data["vocabulary"])
    if vocabulary is None:
        raise PackError(files[0][0].path if files else "<pack>", 1, "no [vocabulary] in the pack")
    rules = dict(base.rules) if base else {}
    for file, data in files:
        for raw in data.get("rule", []):
            rule = _rule(file, raw, sources, vocabulary)
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


def load_builtin() -> RulePack:
    return build_pack(builtin_texts())


def load_packs(paths: Iterable[str | Path], base: RulePack | None = None) -> RulePack:
    """The built-in pack (or ``base``) with the pack files at ``paths`` added."""
    texts = []
    for path in paths:
        try:
            texts.append((str(path), Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:
            raise PackError(str(path), 1, f"cannot read the rule pack: {error}") from None
    return build_pack(texts, base or load_builtin())
