"""Reading the first sheet (or a named one) of an .xlsx workbook, streaming, as text rows.

openpyxl's read-only mode parses one row at a time, so a 100k-row sheet needs about the memory
of the CSV path. Cells become the text a CSV export would hold: numbers typed as Excel numbers
give their shortest exact form ('149.5', '5' for 5.0), dates their ISO date, formulas their value
as Excel last saved it (a formula never calculated is empty), error cells their code ('#N/A').
Line numbers are the ones Excel shows.
"""

import datetime
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sendocki_helper.services.importers.limits import MAX_SHARED_STRINGS_BYTES, MAX_XML_PART_BYTES
from sendocki_helper.services.importers.sources import ImportFileError, Rows, header_columns


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)  # shortest form that reads back the same: 159.99, not 159.9899...
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return str(value)


def _check_parts(path: Path) -> None:
    """Refuse a zip bomb before openpyxl inflates a part (shared strings are read whole)."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                limit = (
                    MAX_SHARED_STRINGS_BYTES
                    if info.filename.lower().endswith("sharedstrings.xml")
                    else MAX_XML_PART_BYTES
                )
                if info.file_size > limit:
                    raise ImportFileError(
                        f"the workbook part {info.filename} is {info.file_size} bytes uncompressed "
                        f"(at most {limit})"
                    )
    except zipfile.BadZipFile:
        raise ImportFileError("this file looks like a zip archive but cannot be opened") from None


def read_xlsx(path: Path, sheet: str | None = None) -> Rows:
    import openpyxl  # imported here: the CSV path and the server never need it

    _check_parts(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise ImportFileError(f"not a readable .xlsx workbook ({type(error).__name__})") from None
    if sheet is None:
        worksheet = book.worksheets[0]
    elif sheet in book.sheetnames:
        worksheet = book[sheet]
    else:
        names = ", ".join(repr(name) for name in book.sheetnames)
        book.close()
        raise ImportFileError(f"no sheet named {sheet!r} (the sheets are {names})")
    cells = worksheet.iter_rows(values_only=True)
    header, line = None, 0
    for values in cells:
        line += 1
        header = _trimmed(values)
        if header:
            break
    if not header:
        book.close()
        raise ImportFileError("the sheet is empty")
    try:
        columns = header_columns(header)
    except ImportFileError as error:
        book.close()
        raise ImportFileError(str(error).replace("line 1", f"line {line}")) from None
    total = worksheet.max_row if isinstance(worksheet.max_row, int) else None
    rows = Rows(columns, iter(()), total)
    rows.lines = _sheet_lines(book, cells, line, header, rows)
    return rows


def _trimmed(values: Iterable[object]) -> list[str]:
    texts = [cell_text(value) for value in values]
    while texts and not texts[-1].strip():
        texts.pop()
    return texts


def _sheet_lines(
    book: Any, cells: Iterator[Any], line: int, header: list[str], rows: Rows
) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        while True:
            try:
                values = next(cells)
            except StopIteration:
                return
            except Exception as error:
                raise ImportFileError(
                    f"line {line + 1}: the sheet cannot be read ({type(error).__name__})"
                ) from None
            line += 1  # read-only mode yields empty rows for gaps, so this is Excel's number
            row = rows.accepted(line, header, _trimmed(values))
            if row is not None:
                yield line, row
    finally:
        book.close()
