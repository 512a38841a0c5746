"""A spreadsheet as rows of text: CSV in the encodings and separators people's exports use, or .xlsx.

Rows are numbered as a spreadsheet numbers them (the first row is 1, a
quoted field with line breaks stays one row), so that a finding's row is the
row the user sees when they open the file.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import attrs

from orgmodel.api import OrgFileError, read_file

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_SEPARATORS = (",", ";", "\t", "|")


class TableError(Exception):
    """A file that cannot be read as a table; ``str()`` is one line naming the file."""


@attrs.frozen
class Table:
    path: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells)
    notes: tuple[str, ...] = ()  # how the file was read, when that was a guess


def read_table(path: Path, shown: str) -> Table:
    """The rows of a CSV or Excel file; raises :class:`TableError`."""
    try:
        data = read_file(path)
    except OrgFileError as error:
        raise TableError(str(error)) from None
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return Table(shown, _excel_rows(data, shown))
    text, notes = _decode(data)
    separator = _separator(text)
    if separator != ",":
        notes.append(f"columns separated by {'tab' if separator == chr(9) else repr(separator)}")
    try:
        rows = tuple((number, tuple(cells)) for number, cells in
                     enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=separator), 1))
    except csv.Error as error:
        raise TableError(f"{shown}: not a readable CSV file: {error}") from None
    return Table(shown, rows, tuple(notes))


def _decode(data: bytes) -> tuple[str, list[str]]:
    """Text of a CSV file: UTF-8 (with or without the BOM Excel writes), UTF-16, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16", "replace"), ["read as UTF-16"]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), ["not UTF-8: read as Windows-1252 (save as CSV UTF-8 to be sure)"]


def _separator(text: str) -> str:
    """The separator that splits the first line into the most columns (commas by default)."""
    first = text.split("\n", 1)[0]
    counts = {separator: first.count(separator) for separator in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _cell(value: object) -> str:
    """A cell as the text a CSV export would show: 1042, not 1042.0; dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    return str(value)


def _excel_rows(data: bytes, shown: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """The first worksheet's rows. openpyxl is imported only here: CSV users never pay for it."""
    import zipfile

    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - openpyxl is a dependency; a broken install gets a clear line
        raise TableError(f"{shown}: reading .xlsx needs openpyxl (pip install openpyxl), "
                         "or save the sheet as CSV UTF-8") from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return tuple((number, tuple(_cell(v) for v in values))
                         for number, values in enumerate(sheet.iter_rows(values_only=True), 1))
        finally:
            book.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, IndexError, OSError) as error:
        raise TableError(f"{shown}: not a readable .xlsx workbook ({type(error).__name__}: {error}); "
                         "save it again from the spreadsheet, or as CSV UTF-8") from None
