"""A database made by an older schema opens, upgrades and keeps its data."""

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

from sendocki_helper.store.db import open_database
from sendocki_helper.store.migrate import latest_version, schema_version
from sendocki_helper.store.models import ALL_MODELS, Customer, Order, OrderLine, Stage

OLD_FILE = Path(__file__).parent / "fixtures" / "helper-schema-v1.sqlite3"


def test_the_fixture_really_is_schema_one():
    connection = sqlite3.connect(OLD_FILE)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = {row[1] for row in connection.execute("PRAGMA table_info(customers)")}
    assert "tags" not in columns


def test_old_database_upgrades_without_loss(tmp_path):
    path = tmp_path / "helper.sqlite3"
    shutil.copy(OLD_FILE, path)
    database = open_database(path)
    assert schema_version(database) == latest_version() > 1
    customer = Customer.get_by_id("c_old1")
    assert customer.name == "Amina Berrada"
    assert customer.tags == []  # the column added later, with its default
    assert [a.city for a in customer.addresses] == ["Casablanca"]
    order = Order.get_by_id("o_old1")
    assert order.number == "WA-000001"
    assert order.total == Decimal("280.00")
    assert order.catalog_total == Decimal("300.00")
    assert [line.quantity for line in OrderLine.select().where(OrderLine.order == order)] == [2]
    assert Stage.get_by_id("s_1").description is None
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    database.close()


def test_upgrade_is_applied_once(tmp_path):
    path = tmp_path / "helper.sqlite3"
    shutil.copy(OLD_FILE, path)
    open_database(path).close()
    database = open_database(path)
    assert schema_version(database) == latest_version()
    assert Customer.select().count() == 1
    database.close()


def test_models_match_the_migrated_schema(tmp_path):
    database = open_database(tmp_path / "fresh.sqlite3")
    for model in ALL_MODELS:
        table = model._meta.table_name
        actual = {column.name for column in database.get_columns(table)}
        declared = {field.column_name for field in model._meta.sorted_fields}
        assert declared <= actual, (table, declared - actual)
    database.close()


def test_store_pragmas_protect_acknowledged_writes(tmp_path):
    database = open_database(tmp_path / "fresh.sqlite3")
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
    database.close()


def test_money_is_exact_integer_centimes(tmp_path):
    database = open_database(tmp_path / "fresh.sqlite3")
    from sendocki_helper.store.fields import MoneyField

    field = MoneyField()
    assert field.db_value(Decimal("0.10")) + field.db_value(Decimal("0.20")) == field.db_value(
        Decimal("0.30")
    )
    assert field.python_value(12345) == Decimal("123.45")
    database.close()
