"""Reading a catalog file into numbered rows: CSV here, workbooks in `workbook.py`.

Both give the same thing: the header (lower-cased column names) and a stream of
(line number as the seller's program shows it, {column: text}) rows. Lines that break the
bounds of `limits.py` are refused one by one into `errors`; the rest flow on.
"""

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sendocki_helper.services.importers.limits import MAX_COLUMNS, MAX_LINE_CHARS, check_line
from sendocki_helper.services.importers.records import LineError

CHUNK = 1 << 20
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


class ImportFileError(Exception):
    """The file as a whole cannot be imported (missing, unreadable, unknown format)."""


@dataclass
class Rows:
    columns: list[str]
    lines: Iterator[tuple[int, dict]]
    total: int | None  # lines expected, for the progress bar
    errors: list[LineError] = field(default_factory=list)

    def accepted(self, line: int, header: list[str], values: list[str]) -> dict | None:
        """The line as {column: text}; None when it is blank, or breaks a limit (kept in
        `errors`: the import goes on without it)."""
        if not any(value.strip() for value in values):
            return None
        try:
            check_line(line, header, values)
        except LineError as error:
            self.errors.append(error)
            return None
        return row_dict(self.columns, values)


def file_kind(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            magic = stream.read(4)
    except OSError as error:
        raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
    if magic == ZIP_MAGIC:
        return "xlsx"
    if magic == OLE_MAGIC:
        raise ImportFileError("this is an old .xls workbook: save it from Excel as .xlsx or CSV")
    return "csv"


def header_columns(values: list[str]) -> list[str]:
    if len(values) > MAX_COLUMNS:
        raise ImportFileError(f"line 1: {len(values)} columns (at most {MAX_COLUMNS})")
    return [str(name).strip().lower() for name in values]


def row_dict(columns: list[str], values: list[str]) -> dict:
    return dict(zip(columns, values, strict=False))


def _encoding(path: Path) -> tuple[str, int]:
    """utf-8-sig when the whole file decodes as UTF-8, else Windows-1252; and its line count."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    newlines = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            newlines += chunk.count(b"\n")
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)  # a file cut inside a character
        except UnicodeDecodeError:
            utf8 = False
    return ("utf-8-sig" if utf8 else "cp1252"), newlines + 1


def read_csv(path: Path) -> Rows:
    """';' or ',' or tab separated (the most frequent on the header line), UTF-8 or cp1252."""
    encoding, total = _encoding(path)
    stream = path.open(encoding=encoding, newline="")
    first_line = stream.readline(MAX_LINE_CHARS)
    stream.seek(0)
    delimiter = max((";", ",", "\t"), key=first_line.count)
    # A field above this is refused with its line (fields up to MAX_FIELD_CHARS are kept).
    csv.field_size_limit(MAX_LINE_CHARS)
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        stream.close()
        raise ImportFileError("the file is empty") from None
    except csv.Error as error:
        stream.close()
        raise ImportFileError(f"line 1: {error}") from None
    rows = Rows(header_columns(header), iter(()), total)
    rows.lines = _csv_lines(reader, stream, header, rows)
    return rows


def _csv_lines(
    reader: Any, stream: IO[str], header: list[str], rows: Rows
) -> Iterator[tuple[int, dict[str, str]]]:
    with stream:
        start = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                # The reader drops the rest of the physical line and goes on from the next one.
                rows.errors.append(LineError(start, "(line)", str(error)))
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            row = rows.accepted(line, header, values)
            if row is not None:
                yield line, row
