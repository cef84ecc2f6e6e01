"""Importing a catalog file: read the CSV or workbook, detect its format, upsert by SKU, report.

Re-importing updates by SKU and never duplicates. A rejected line is reported with its line
number and column and the good lines still import. Products and variants not in the file are
left as they are. Writes go in batches, each its own transaction (so a helper running meanwhile
is never blocked for long), and each batch brings the search index up to date before it commits.
"""

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from tqdm import tqdm

from sendocki_helper.services import catalog_index
from sendocki_helper.services.catalog_writer import CatalogWriter
from sendocki_helper.services.importers import sendocki, shopify
from sendocki_helper.services.importers.records import LineError
from sendocki_helper.services.importers.sources import ImportFileError, Rows, file_kind, read_csv

__all__ = ["ImportFileError", "ImportSummary", "import_catalog"]

FORMATS = (sendocki, shopify)
BATCH = 500  # products per transaction
PROGRESS_FROM_LINES = 2000
OPTIMIZE_FROM_DOCUMENTS = 2000


@dataclass
class ImportSummary:
    format: str
    lines: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[LineError] = field(default_factory=list)


def open_rows(path: Path, sheet: str | None = None) -> Rows:
    if file_kind(path) == "xlsx":
        from sendocki_helper.services.importers.workbook import read_xlsx

        return read_xlsx(path, sheet)
    if sheet is not None:
        raise ImportFileError("--sheet is for .xlsx workbooks; this file is CSV")
    return read_csv(path)


def detect(columns: list[str]) -> ModuleType:
    for module in FORMATS:
        if set(columns) >= module.SIGNATURE:
            return module
    raise ImportFileError(
        "unknown format: expected Sendocki's template (sku_product, product_name, type, price, ...) "
        "or Shopify's product export (Handle, Title, Variant SKU, Variant Price, ...)"
    )


def _counted(
    lines: Iterable[tuple[int, dict[str, str]]], counter: list[int], bar: Any
) -> Iterator[tuple[int, dict[str, str]]]:
    for item in lines:
        counter[0] += 1
        bar.update(item[0] - bar.n)
        yield item


def import_catalog(path: Path, progress: bool = True, sheet: str | None = None) -> ImportSummary:
    rows = open_rows(Path(path), sheet)
    module = detect(rows.columns)
    # A workbook that does not record its size (written by some tools) gets a running count.
    show = progress and (rows.total is None or rows.total >= PROGRESS_FROM_LINES)
    counter = [0]
    with tqdm(
        total=rows.total, unit="line", desc="reading", file=sys.stderr, disable=not show
    ) as bar:
        parsed = module.parse(_counted(rows.lines, counter, bar))
    rejected = rows.errors + parsed.errors
    summary = ImportSummary(
        format=module.NAME, lines=counter[0] + len(rows.errors), rejected=rejected
    )
    writer = CatalogWriter()
    indexed = 0
    with tqdm(
        total=len(parsed.products),
        unit="product",
        desc="writing",
        file=sys.stderr,
        disable=not show,
    ) as bar:
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
