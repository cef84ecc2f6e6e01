"""Real shops' files: the template filled down on every variant row, and .xlsx workbooks."""

import csv
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from sendocki_helper.services import catalog_search
from sendocki_helper.services.catalog_import import ImportFileError, import_catalog
from sendocki_helper.store.db import open_database
from sendocki_helper.store.models import Product, Variant
from tests.catalog.workbooks import write_workbook
from tests.support import HELPER_BIN

FIXTURES = Path(__file__).parent / "fixtures"
FILLED = FIXTURES / "sendocki_filled_down.csv"


@pytest.fixture
def store(tmp_path):
    database = open_database(tmp_path / "helper.sqlite3")
    yield database
    database.close()


def catalog_snapshot() -> list[tuple]:
    """Everything an import decides, without ids and timestamps."""
    products = sorted(
        (p.sku, p.name, p.kind, p.price, p.cost, p.active, p.image_url) for p in Product.select()
    )
    variants = sorted(
        (v.product.sku, v.sku, v.name, tuple(sorted(v.attributes.items())), v.price, v.available)
        for v in Variant.select()
    )
    return products + variants


def test_filled_down_template_imports_every_variant_and_refuses_disagreeing_lines(store):
    summary = import_catalog(FILLED)
    assert sorted(v.sku for v in Variant.select()) == [
        "BASKET-TOILE-BLANC-38",
        "BASKET-TOILE-BLANC-40",
        "BASKET-TOILE-NOIR-40",
        "BASKET-TOILE-NOIR-42",
        "HUILE-ARGAN",
        "SAC-BAND-BORDEAUX",
        "SAC-BAND-CAMEL",
        "SAC-BAND-NOIR",
    ]
    assert summary.created == 3
    # Line 9 names the product differently, line 10 prices it differently: both name line 5.
    assert [(e.line, e.column) for e in summary.rejected] == [
        (9, "product_name"),
        (10, "price"),
    ]
    assert "on line 5 for the same sku_product BASKET-TOILE" in summary.rejected[0].message
    assert "'Basket toile montante'" in summary.rejected[0].message
    bag = Product.get(Product.sku == "SAC-BANDOULIERE")
    assert (bag.kind, bag.price, bag.cost, bag.image_url) == (
        "variable",
        Decimal("349.00"),
        Decimal("150.00"),
        "https://shop.example/sac-1.jpg",
    )
    camel = Variant.get(Variant.sku == "SAC-BAND-CAMEL")
    assert (camel.price, camel.available, camel.attributes) == (
        Decimal("369.00"),
        2,
        {"color": "Camel"},
    )


@pytest.mark.parametrize(
    "query, sku, price, available",
    [
        ("BASKET-TOILE-NOIR-42", "BASKET-TOILE-NOIR-42", Decimal("229.00"), 7),
        ("basket-toile-noir-40", "BASKET-TOILE-NOIR-40", Decimal("239.00"), 1),
        ("sac camel", "SAC-BAND-CAMEL", Decimal("369.00"), 2),
        ("sac bordeaux", "SAC-BAND-BORDEAUX", Decimal("349.00"), 0),
        ("basket 38", "BASKET-TOILE-BLANC-38", Decimal("229.00"), 3),
        ("basket noir 42", "BASKET-TOILE-NOIR-42", Decimal("229.00"), 7),
    ],
)
def test_variant_sku_colour_and_size_find_that_variant_first(store, query, sku, price, available):
    import_catalog(FILLED)
    first = catalog_search.search(query)["results"][0]
    best = first["variants"][0]
    assert (best["sku"], best["price"], best["available"], best["matched"]) == (
        sku,
        price,
        available,
        True,
    )


def typed_workbook_rows() -> list[list]:
    """The filled-down CSV as a seller's workbook: prices and stock as Excel numbers, one
    price as text with a decimal comma, one as a formula, an empty row in the middle."""
    with FILLED.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    typed = [rows[0]]
    for row in rows[1:]:
        row = list(row)
        for column in (3, 4, 9):  # price, cost, variant_price
            if row[column]:
                row[column] = float(row[column])
        if row[11]:
            row[11] = int(row[11])
        typed.append(row)
    typed[1][3] = "349,00"  # text with a decimal comma
    typed[2][9] = "=300+69"  # a formula: its cached value is read
    typed[5][11] = 5.0  # a whole number typed as a float
    typed.insert(4, [])  # an empty row: Excel's numbering goes on
    return typed


def test_same_catalog_as_xlsx_gives_the_same_catalog(store, tmp_path):
    import_catalog(FILLED)
    from_csv = catalog_snapshot()
    store.close()
    open_database(tmp_path / "second.sqlite3")
    book = write_workbook(tmp_path / "catalogue.xlsx", typed_workbook_rows(), cached={"J3": "369"})
    summary = import_catalog(book)
    assert catalog_snapshot() == from_csv
    # Excel's line numbers: the empty row 5 counts, so the disagreeing rows are 10 and 11.
    assert [(e.line, e.column) for e in summary.rejected] == [
        (10, "product_name"),
        (11, "price"),
    ]
    assert "on line 6 for the same sku_product" in summary.rejected[0].message


def test_workbook_sheet_by_name_and_unknown_sheet(store, tmp_path):
    rows = [
        ["sku_product", "product_name", "type", "price", "stock"],
        ["BOL", "Bol", "simple", 45, 3],
    ]
    book = write_workbook(tmp_path / "b.xlsx", rows, sheets=("Catalogue", "Notes"))
    assert import_catalog(book, sheet="Catalogue").created == 1
    with pytest.raises(ImportFileError, match=r"no sheet named 'Stock'.*'Catalogue', 'Notes'"):
        import_catalog(book, sheet="Stock")
    with pytest.raises(ImportFileError, match="unknown format"):
        import_catalog(book, sheet="Notes")


def test_workbook_formula_without_saved_value_and_error_cells_are_line_errors(store, tmp_path):
    rows = [
        ["sku_product", "product_name", "type", "price", "stock"],
        ["A", "Produit A", "simple", "=10*2", 1],
        ["B", "Produit B", "simple", "#N/A", 1],
        ["C", "Produit C", "simple", 1e300, 1],
        ["D", "Produit D", "simple", 12.5, "3,0"],
    ]
    summary = import_catalog(write_workbook(tmp_path / "f.xlsx", rows))
    assert [(e.line, e.column) for e in summary.rejected] == [
        (2, "price"),
        (3, "price"),
        (4, "price"),
    ]
    assert summary.rejected[0].message == "is required"  # never calculated: no saved value
    assert Variant.get(Variant.sku == "D").available == 3
    assert Product.get(Product.sku == "D").price == Decimal("12.50")


def test_cli_imports_a_workbook_with_sheet_option(tmp_path):
    rows = [["sku_product", "product_name", "type", "price"], ["BOL", "Bol", "simple", 45]]
    book = write_workbook(tmp_path / "b.xlsx", rows, sheets=("Feuil1", "Autre"))
    data = ["--data-dir", str(tmp_path / "data")]
    result = subprocess.run(
        [HELPER_BIN, "import-catalog", str(book), "--sheet", "Feuil1", *data],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "created: 1" in result.stdout
    wrong = subprocess.run(
        [HELPER_BIN, "import-catalog", str(book), "--sheet", "Nope", *data],
        capture_output=True,
        text=True,
        check=False,
    )
    assert wrong.returncode == 2 and "no sheet named 'Nope'" in wrong.stdout
