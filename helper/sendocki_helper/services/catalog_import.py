"""Importing a catalog file: read the CSV, detect its format, upsert by SKU, report.

Re-importing updates by SKU and never duplicates. A rejected line is reported with its line
number and column and the good lines still import. Products and variants not in the file are
left as they are. Writes go in batches, each its own transaction (so a helper running meanwhile
is never blocked for long), and each batch brings the search index up to date before it commits.
"""

import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from sendocki_helper.services import catalog_index
from sendocki_helper.services.catalog_writer import CatalogWriter
from sendocki_helper.services.importers import sendocki, shopify
from sendocki_helper.services.importers.records import LineError

FORMATS = (sendocki, shopify)
BATCH = 500  # products per transaction
PROGRESS_FROM_LINES = 2000
OPTIMIZE_FROM_DOCUMENTS = 2000


class ImportFileError(Exception):
    """The file as a whole cannot be imported (missing, unreadable, unknown format)."""


@dataclass
class ImportSummary:
    format: str
    lines: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[LineError] = field(default_factory=list)


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
    if data[:2] == b"PK":
        raise ImportFileError(
            "this is an .xlsx workbook: save it from Excel as CSV (UTF-8 or ';' separated)"
        )
    try:
        return data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    except UnicodeDecodeError:
        return data.decode("cp1252")  # Excel's plain "CSV" on a French Windows


def read_rows(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """Header and (line number, {lower-cased column: value}) rows; ';' or ',' or tab separated."""
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("the file is empty") from None
    except csv.Error as error:
        raise ImportFileError(f"line 1: {error}") from None
    columns = [name.strip().lower() for name in header]
    rows = []
    start = reader.line_num + 1
    try:
        for values in reader:
            if any(value.strip() for value in values):
                rows.append((start, dict(zip(columns, values, strict=False))))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(f"line {start}: {error}") from None
    return columns, rows


def detect(columns: list[str]):
    for module in FORMATS:
        if set(columns) >= module.SIGNATURE:
            return module
    raise ImportFileError(
        "unknown format: expected Sendocki's template (sku_product, product_name, type, price, ...) "
        "or Shopify's product export (Handle, Title, Variant SKU, Variant Price, ...)"
    )


def import_catalog(path: Path, progress: bool = True) -> ImportSummary:
    columns, rows = read_rows(read_text(Path(path)))
    module = detect(columns)
    parsed = module.parse(rows)
    summary = ImportSummary(format=module.NAME, lines=len(rows), rejected=parsed.errors)
    writer = CatalogWriter()
    bar = tqdm(
        total=len(parsed.products),
        unit="product",
        file=sys.stderr,
        disable=not progress or len(rows) < PROGRESS_FROM_LINES,
    )
    indexed = 0
    with bar:
        for start in range(0, len(parsed.products), BATCH):
            batch = parsed.products[start : start + BATCH]
            with writer.transaction():
                for record in batch:
                    outcome = writer.write(record)
                    setattr(summary, outcome, getattr(summary, outcome) + 1)
                indexed += catalog_index.apply_pending()
            bar.update(len(batch))
    if indexed >= OPTIMIZE_FROM_DOCUMENTS:
        catalog_index.optimize()
    summary.rejected.sort(key=lambda error: error.line)
    return summary
