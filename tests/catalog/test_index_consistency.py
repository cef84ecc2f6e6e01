"""The search index follows every writer: plain peewee saves, raw SQL, deletes, deactivations."""

import pytest

from sendocki_helper.services import catalog_index, catalog_search, demo
from sendocki_helper.store.db import open_database
from sendocki_helper.store.models import Product, Variant, database_proxy


@pytest.fixture
def store(tmp_path):
    database = open_database(tmp_path / "helper.sqlite3")
    demo.seed_demo()
    yield database
    database.close()


def skus(q):
    return [p["sku"] for p in catalog_search.search(q)["results"]]


def test_renames_deactivations_and_deletes_show_at_once(store):
    assert skus("marocaine") == ["LANTERNE"]
    # A simple product's variant has its own name: a rename touches both, as a sync would.
    Product.update(name="Lampe en cuivre").where(Product.sku == "LANTERNE").execute()
    Variant.update(name="Lampe en cuivre").where(Variant.sku == "LANTERNE").execute()
    assert skus("marocaine") == [] and skus("lampe cuivre") == ["LANTERNE"]
    Product.update(active=False).where(Product.sku == "LANTERNE").execute()
    assert skus("lampe") == []
    Product.update(active=True).where(Product.sku == "LANTERNE").execute()
    assert skus("lampe") == ["LANTERNE"]
    Variant.update(active=False).where(Variant.sku == "SAC-CUIR-ROUGE").execute()
    assert skus("sac rouge") == []
    Product.get(Product.sku == "CAFTAN-SOIE").delete_instance(recursive=True)
    assert skus("caftan") == []


def test_a_sync_style_upsert_by_raw_sql_and_insert_or_replace(store):
    # Another writer (the sync puller) inserting rows its own way, attribute change included.
    database_proxy.execute_sql(
        "INSERT INTO products (id, sku, name, kind, price, active, updated_at, remote_id) "
        "VALUES ('p_r1', 'R-1', 'Bougie parfumée', 'variable', 5000, 1, 'now', 'r1')"
    )
    database_proxy.execute_sql(
        "INSERT INTO variants (id, product_id, sku, name, attributes, available, active, updated_at) "
        "VALUES ('v_r1', 'p_r1', 'R-1-VAN', 'Vanille', '{\"parfum\": \"Vanille\"}', 3, 1, 'now')"
    )
    assert skus("bougie vanille") == ["R-1"]
    database_proxy.execute_sql(
        "INSERT OR REPLACE INTO variants (id, product_id, sku, name, attributes, available, active, updated_at) "
        "VALUES ('v_r1', 'p_r1', 'R-1-VAN', 'Jasmin', '{\"parfum\": \"Jasmin\"}', 3, 1, 'now')"
    )
    assert skus("bougie vanille") == [] and skus("bougie jasmin") == ["R-1"]
    database_proxy.execute_sql("UPDATE variants SET available = 9 WHERE id = 'v_r1'")
    [found] = catalog_search.search("jasmin")["results"]
    assert found["variants"][0]["available"] == 9  # stock is read live, not from the index
    database_proxy.execute_sql("DELETE FROM variants WHERE id = 'v_r1'")
    assert [v["sku"] for v in catalog_search.search("bougie")["results"][0]["variants"]] == []


def test_the_index_has_exactly_one_document_per_active_row_after_changes(store):
    Product.update(active=False).where(Product.sku.startswith("SAC")).execute()
    Variant.delete().where(Variant.sku.startswith("TSH-NOIR")).execute()
    catalog_index.apply_pending()
    indexed = database_proxy.execute_sql("SELECT count(*) FROM catalog_fts").fetchone()[0]
    expected = database_proxy.execute_sql("SELECT count(*) FROM catalog_doc_keys").fetchone()[0]
    assert indexed == expected
    catalog_index.rebuild()
    assert database_proxy.execute_sql("SELECT count(*) FROM catalog_fts").fetchone()[0] == expected
    assert skus("sac") == []
    [noir] = list(catalog_search.search("t-shirt noir")["results"])
    assert noir["variants"] == []  # its variants are gone, the product stays
