"""A baseline: today's findings, recorded so that a check reports and fails only on new ones.

Findings are matched by the fingerprints SARIF uses (``orgmodel.fingerprint``):
what a finding is about and the text of its line, not the line's number, so
inserting lines or renaming a person elsewhere keeps old findings matched.
Paths are stored relative to the baseline file's folder, so a check run
from another folder matches too. An entry whose file was checked but whose
finding is gone is *stale*: the problem was fixed, and the baseline can shrink.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from orgmodel.api import CheckResult
from orgmodel.config import ConfigError
from orgmodel.files import read_regular, write_atomic
from orgmodel.finding import Finding
from orgmodel.fingerprint import fingerprints

FORMAT_KEY = "orgmodel-baseline"
FORMAT_VERSION = 1


class BaselineError(ConfigError):
    """A baseline file that cannot be read; ``str()`` is one line naming the file."""


@attrs.frozen
class Entry:
    path: str  # POSIX, relative to the baseline file's folder
    code: str
    entity: str | None
    fingerprint: str
    message: str  # for the reader of the file; not matched

    @property
    def key(self) -> tuple[str, str]:
        return self.path, self.fingerprint


def _relative(file: Path, folder: Path) -> str:
    return Path(os.path.relpath(file.resolve(), folder.resolve())).as_posix()


def entries(file: Path, result: CheckResult, folder: Path) -> list[tuple[Finding, Entry]]:
    """Each finding of ``result`` (the check of ``file``) with its baseline entry."""
    path = _relative(file, folder)
    return [(finding, Entry(path, finding.code, finding.entity, stable_id, finding.message))
            for finding, stable_id in fingerprints(result.findings, result.lines)]


def dump(checked: Iterable[tuple[Path, CheckResult]], baseline_file: Path) -> tuple[bytes, int]:
    """The baseline file recording every finding of ``checked``, and how many it holds."""
    rows = [attrs.asdict(entry) for file, result in checked
            for _, entry in entries(file, result, baseline_file.parent)]
    rows.sort(key=lambda row: (row["path"], row["code"], row["entity"] or "", row["fingerprint"]))
    data = {FORMAT_KEY: FORMAT_VERSION, "findings": rows}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), len(rows)


def write(checked: Iterable[tuple[Path, CheckResult]], baseline_file: Path,
          inputs: tuple[Path, ...] = ()) -> int:
    """Record the findings of ``checked`` in ``baseline_file`` (atomically); return how many."""
    data, count = dump(checked, baseline_file)
    write_atomic(baseline_file, data, inputs=inputs)
    return count


def _entry(row: object, where: str) -> Entry:
    fields = {"path": str, "code": str, "fingerprint": str, "message": str}
    if not (isinstance(row, dict) and all(isinstance(row.get(k), t) for k, t in fields.items())
            and isinstance(row.get("entity"), (str, type(None)))):
        raise BaselineError(f"{where}: each finding needs path, code, entity, fingerprint and message; "
                            "write the file again with orgmodel check --write-baseline")
    return Entry(row["path"], row["code"], row["entity"], row["fingerprint"], row["message"])


@attrs.define
class Baseline:
    """A loaded baseline and what this run matched of it."""

    file: Path
    entries: dict[tuple[str, str], Entry]
    matched: set[tuple[str, str]] = attrs.Factory(set)
    checked: set[str] = attrs.Factory(set)  # relative paths of the files checked against it
    hidden: int = 0  # findings it kept out of the report

    @classmethod
    def load(cls, file: Path) -> Baseline:
        try:
            data = json.loads(read_regular(file).decode("utf-8"))  # a FIFO would hang, /dev/zero never end
        except OSError as error:
            raise BaselineError(f"{file}: cannot read the baseline: {error.strerror or error}; "
                                "write one with orgmodel check --write-baseline FILE") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BaselineError(f"{file}: not a baseline file (invalid JSON: {error})") from None
        if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION \
                or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{file}: not an orgmodel baseline (version {FORMAT_VERSION}); "
                                "write it again with orgmodel check --write-baseline")
        loaded = [_entry(row, str(file)) for row in data["findings"]]
        return cls(file, {entry.key: entry for entry in loaded})

    def filter(self, file: Path, result: CheckResult) -> CheckResult:
        """``result`` without the findings this baseline records; remembers what matched."""
        self.checked.add(_relative(file, self.file.parent))
        pairs = entries(file, result, self.file.parent)
        kept = []
        for finding, entry in pairs:
            if entry.key in self.entries:
                self.matched.add(entry.key)
            else:
                kept.append(finding)
        self.hidden += len(pairs) - len(kept)
        return result.replace(findings=kept)

    def stale(self) -> Sequence[Entry]:
        """Entries for files checked in this run whose findings are gone (fixed)."""
        return [entry for key, entry in self.entries.items()
                if entry.path in self.checked and key not in self.matched]
