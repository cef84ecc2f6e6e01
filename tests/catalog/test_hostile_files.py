"""Hostile or broken catalog files cost little: bad lines are refused one by one (line and
column), the rest imports, and nothing oversized reaches the store or a search answer."""

import json
import time

import pytest

from sendocki_helper.services import catalog_search
from sendocki_helper.services.catalog_import import ImportFileError, import_catalog
from sendocki_helper.services.importers.limits import MAX_COLUMNS, MAX_NAME_CHARS
from sendocki_helper.store.db import open_database
from sendocki_helper.store.models import Product, Variant
from tests.catalog.workbooks import write_workbook

HEADER = "sku_product,product_name,type,price,stock"


@pytest.fixture
def store(tmp_path):
    database = open_database(tmp_path / "helper.sqlite3")
    yield database
    database.close()


def write(tmp_path, lines: list[str]):
    path = tmp_path / "catalog.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def refused(summary) -> list[tuple[int, str]]:
    return [(error.line, error.column) for error in summary.rejected]


def test_huge_exponents_and_digit_counts_are_line_errors_at_once(store, tmp_path):
    path = write(
        tmp_path,
        [
            "OK-1,Bon,simple,10.00,1",
            "EXP-1,Stock exposant,simple,10.00,1e1000000",
            "EXP-2,Prix exposant,simple,1e99999999,1",
            "DIG-1,Beaucoup de chiffres,simple," + "9" * 10_000 + ",1",
            "DIG-2,Stock géant,simple,10.00," + "9" * 5000,
            "NAN-1,Pas un nombre,simple,NaN,1",
            "OK-2,Bon aussi,simple,20.00,2",
        ],
    )
    started = time.process_time()
    summary = import_catalog(path)
    assert time.process_time() - started < 5  # guards a hang (the old code took 27 s+), not speed
    assert refused(summary) == [
        (3, "stock"),
        (4, "price"),
        (5, "price"),
        (6, "stock"),
        (7, "price"),
    ]
    assert sorted(v.sku for v in Variant.select()) == ["OK-1", "OK-2"]
    # The message quotes a bounded part of the value, not 10,000 digits.
    assert all(len(error.message) < 200 for error in summary.rejected)


def test_oversized_fields_refuse_their_lines_only(store, tmp_path):
    lines = [f"SKU-{i},Produit {i},simple,10.00,1" for i in range(1, 2001)]
    for i in range(0, 2000, 200):  # ten lines with a 1 MB field
        lines[i] = f"SKU-{i + 1},Produit {i + 1},simple,10.00,1,{'x' * 1_000_000}"
    lines[1001] = "SKU-1002," + "y" * 2_000_000 + ",simple,10.00,1"  # beyond the csv limit
    summary = import_catalog(write(tmp_path, lines))
    rejected = refused(summary)
    assert len(rejected) == 11
    assert (2, "column 6") in rejected and (1003, "(line)") in rejected
    assert Variant.select().count() == 2000 - 11
    assert Variant.get(Variant.sku == "SKU-1003").product.name == "Produit 1003"


def test_long_names_are_refused_and_search_answers_stay_small(store, tmp_path):
    path = write(
        tmp_path,
        [
            "LONG-1," + "Sac " * 32_000 + ",simple,10.00,1",
            "LONG-2," + "Sac " * 250 + ",simple,10.00,1",
            "SAC-1,Sac en cuir,simple,10.00,1",
            "LONG-SKU-" + "X" * 500 + ",Sac long SKU,simple,10.00,1",
        ],
    )
    summary = import_catalog(path)
    assert refused(summary) == [(2, "product_name"), (3, "product_name"), (5, "sku_product")]
    assert "at most 255" in summary.rejected[1].message
    answer = json.dumps(catalog_search.search("sac"), default=str)
    assert len(answer) < 2000
    assert max(len(p.name) for p in Product.select()) <= MAX_NAME_CHARS


def test_too_many_columns(store, tmp_path):
    wide_header = tmp_path / "wide.csv"
    wide_header.write_text(",".join(f"c{i}" for i in range(200_000)) + "\nx\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=f"200000 columns \\(at most {MAX_COLUMNS}\\)"):
        import_catalog(wide_header)
    path = write(tmp_path, ["WIDE,Large,simple,10.00,1" + ",z" * 300, "OK,Bon,simple,10.00,1"])
    summary = import_catalog(path)
    assert refused(summary) == [(2, f"column {MAX_COLUMNS + 1}")]
    assert [v.sku for v in Variant.select()] == ["OK"]


def test_the_same_limits_apply_to_workbooks(store, tmp_path):
    rows = [
        ["sku_product", "product_name", "type", "price", "stock"],
        ["EXP", "Exposant", "simple", "1e99999999", 1],
        ["LONG", "Sac " * 8000, "simple", 10, 1],
        ["WIDE", "Large", "simple", 10, 1, *(["z"] * 300)],
        ["BIG", "Gros champ", "simple", 10, 1, "x" * 32_000, *(["y" * 32_000] * 3)],
        ["OK", "Bon", "simple", 10, 1],
    ]
    summary = import_catalog(write_workbook(tmp_path / "hostile.xlsx", rows))
    assert refused(summary) == [
        (2, "price"),
        (3, "product_name"),
        (4, f"column {MAX_COLUMNS + 1}"),
    ]
    assert sorted(v.sku for v in Variant.select()) == ["BIG", "OK"]
    wide = write_workbook(tmp_path / "wide.xlsx", [[f"c{i}" for i in range(MAX_COLUMNS + 5)]])
    with pytest.raises(ImportFileError, match="columns"):
        import_catalog(wide)


def test_a_workbook_part_too_large_is_refused_before_it_is_read(store, tmp_path, monkeypatch):
    from sendocki_helper.services.importers import workbook

    rows = [
        ["sku_product", "product_name", "type", "price"],
        *[["A", "x" * 500, "simple", 1]] * 100,
    ]
    book = write_workbook(tmp_path / "bomb.xlsx", rows)
    monkeypatch.setattr(workbook, "MAX_XML_PART_BYTES", 40_000)
    with pytest.raises(
        ImportFileError, match=r"xl/worksheets/sheet1\.xml is .* bytes uncompressed"
    ):
        import_catalog(book)
    not_a_workbook = tmp_path / "fake.xlsx"
    not_a_workbook.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportFileError):
        import_catalog(not_a_workbook)
