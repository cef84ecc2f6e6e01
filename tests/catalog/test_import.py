"""Importing catalog files into a real store, then finding them through search."""

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from sendocki_helper.services import catalog_search
from sendocki_helper.services.catalog_import import import_catalog
from sendocki_helper.store.db import open_database
from sendocki_helper.store.models import Product, Variant
from tests.support import HELPER_BIN

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def store(tmp_path):
    database = open_database(tmp_path / "helper.sqlite3")
    yield database
    database.close()


def variant(sku):
    return Variant.get(Variant.sku == sku)


def test_sendocki_template_imports_products_variants_prices_stock_and_attributes(store):
    summary = import_catalog(FIXTURES / "sendocki_template.csv")
    assert (summary.format, summary.created, summary.updated, summary.rejected) == (
        "sendocki",
        2,
        0,
        [],
    )
    product = Product.get(Product.sku == "TSHIRT-COL-V")
    assert (product.kind, product.price, product.cost) == (
        "variable",
        Decimal("149.00"),
        Decimal("60.00"),
    )
    assert variant("TSHIRT-COL-V-BLACK-M").attributes == {"color": "Black", "size": "M"}
    assert variant("TSHIRT-COL-V-BLACK-M").available == 5
    assert variant("TSHIRT-COL-V-WHITE-M").price == Decimal("159.00")
    assert variant("TSHIRT-COL-V-BLACK-L").price is None  # the product's price applies
    simple = variant("SAVON-ARGAN")  # a simple product: one variant with the same SKU
    assert (simple.product.kind, simple.attributes, simple.available) == ("simple", {}, 30)


def test_french_excel_file_with_bom_semicolons_and_decimal_commas(store):
    summary = import_catalog(FIXTURES / "sendocki_fr_excel.csv")
    assert (summary.created, summary.rejected) == (2, [])
    assert Product.get(Product.sku == "PULL-LAINE").price == Decimal("249.00")
    assert Product.get(Product.sku == "BOL-TADELAKT").price == Decimal("1299.50")
    assert variant("PULL-LAINE-ECRU-L").price == Decimal("259.00")
    assert variant("PULL-LAINE-ECRU-M").attributes == {"color": "Écru", "size": "M"}
    assert variant("PULL-LAINE-MARINE-M").attributes == {"color": "Marine", "size": "M"}


def test_shopify_export_groups_rows_by_handle(store):
    summary = import_catalog(FIXTURES / "shopify_export.csv")
    assert summary.format == "shopify" and summary.created == 3
    caftan = Product.get(Product.sku == "caftan-velours")
    assert (caftan.name, caftan.kind, caftan.price) == (
        "Caftan en velours",
        "variable",
        Decimal("690.00"),
    )
    assert [v.sku for v in caftan.variants.order_by(Variant.sku)] == [
        "CAFT-VEL-BOR-L",
        "CAFT-VEL-BOR-M",
        "CAFT-VEL-EME-M",
    ]
    assert variant("CAFT-VEL-EME-M").attributes == {"color": "Émeraude", "size": "M"}
    assert variant("CAFT-VEL-EME-M").price == Decimal("720.00")
    assert variant("CAFT-VEL-BOR-L").available == 1
    teapot = variant("THEIERE-ARG")  # 'Default Title': a simple product
    assert (teapot.product.sku, teapot.product.kind, teapot.attributes) == (
        "THEIERE-ARG",
        "simple",
        {},
    )
    assert Product.get(Product.sku == "ANCIEN-1").active is False  # archived


def test_bad_lines_are_rejected_with_line_and_column_and_good_lines_import(store):
    summary = import_catalog(FIXTURES / "sendocki_bad_lines.csv")
    rejected = {(e.line, e.column) for e in summary.rejected}
    assert rejected == {
        (3, "price"),
        (4, "sku_product"),
        (5, "sku_product"),
        (8, "variant_price"),
        (9, "stock"),
        (10, "type"),
    }
    assert "variant without parent" in next(e.message for e in summary.rejected if e.line == 5)
    assert summary.created == 2
    assert {v.sku for v in Variant.select()} == {"GOOD-1", "GOOD-2-S"}
    shopify = import_catalog(FIXTURES / "shopify_export.csv")
    assert {(e.line, e.column) for e in shopify.rejected} == {(9, "Title"), (10, "Variant SKU")}


def test_reimport_updates_by_sku_and_never_duplicates(store, tmp_path):
    import_catalog(FIXTURES / "sendocki_template.csv")
    again = import_catalog(FIXTURES / "sendocki_template.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = tmp_path / "changed.csv"
    changed.write_text(
        (FIXTURES / "sendocki_template.csv")
        .read_text(encoding="utf-8")
        .replace("T-shirt col V,variable,149.00", "Tee-shirt col V,variable,139.00"),
        encoding="utf-8",
    )
    summary = import_catalog(changed)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert Product.select().count() == 2 and Variant.select().count() == 4
    assert Product.get(Product.sku == "TSHIRT-COL-V").price == Decimal("139.00")
    names = [p["name"] for p in catalog_search.search("tee col")["results"]]
    assert names == ["Tee-shirt col V"]
    # Still found by its SKU (TSHIRT-...), but only under its new name: no stale copy.
    assert [p["name"] for p in catalog_search.search("t-shirt col")["results"]] == [
        "Tee-shirt col V"
    ]


def test_imported_products_are_searchable_by_name_sku_attribute_and_arabic(store):
    import_catalog(FIXTURES / "sendocki_template.csv")
    import_catalog(FIXTURES / "shopify_export.csv")
    first = catalog_search.search("caftan emeraude")["results"][0]
    assert first["variants"][0]["sku"] == "CAFT-VEL-EME-M"
    assert catalog_search.search("صابون")["results"][0]["sku"] == "SAVON-ARGAN"
    assert catalog_search.search("tshirt col")["results"][0]["sku"] == "TSHIRT-COL-V"
    assert catalog_search.search("ancien")["results"] == []  # archived: inactive, hidden


@pytest.mark.slow
def test_cli_exit_codes_and_summary(tmp_path):
    data = ["--data-dir", str(tmp_path / "data")]
    ok = subprocess.run(
        [HELPER_BIN, "import-catalog", str(FIXTURES / "sendocki_template.csv"), *data],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "created: 2" in ok.stdout
    bad = subprocess.run(
        [HELPER_BIN, "import-catalog", str(FIXTURES / "sendocki_bad_lines.csv"), *data],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "line 3, column price: 'abc' is not a price" in bad.stdout
    unknown = tmp_path / "other.csv"
    unknown.write_text("name,colour\nx,y\n", encoding="utf-8")
    for path in (unknown, tmp_path / "missing.csv"):
        result = subprocess.run(
            [HELPER_BIN, "import-catalog", str(path), *data], capture_output=True, text=True
        )
        assert result.returncode == 2 and "error:" in result.stdout
