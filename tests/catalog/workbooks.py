"""Writing small .xlsx workbooks for the import tests, with formulas' cached values.

openpyxl writes formulas without the value Excel would have saved next to them; `cached` adds
it (as Excel does on save), so a test can check that the import reads the saved value.
"""

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl


def write_workbook(
    path: Path, rows: list[list], cached: dict[str, str] | None = None, sheets=("Produits",)
) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    first.title = sheets[0]
    for extra in sheets[1:]:
        book.create_sheet(extra).append(["not", "this", "sheet"])
    for row in rows:
        first.append(row)
    book.save(path)
    if cached:
        _add_cached_values(path, cached)
    return path


def _add_cached_values(path: Path, cached: dict[str, str]) -> None:
    patched = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for cell, value in cached.items():
                    text, count = re.subn(
                        rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)<v ?/>', rf"\g<1><v>{value}</v>", text
                    )
                    assert count == 1, f"no formula in {cell}"
                data = text.encode()
            target.writestr(item, data)
    shutil.move(patched, path)
