"""Bringing the FTS5 catalog index up to date with the queue the store's triggers fill.

The triggers (migration 0003) record, in the writer's own transaction, which documents appeared
or disappeared; this module writes their text into FTS5 in bulk. Search calls `apply_pending`
before every query and the importer after every batch, so no query reads a stale index.
"""

import json
from typing import Any

from sendocki_helper.services.catalog_text import document
from sendocki_helper.store.models import database_proxy

_QUEUED_DOCUMENTS = """
SELECT d.doc, p.name, p.sku, v.name, v.sku, v.attributes, d.variant_id
FROM catalog_queue q
JOIN catalog_docs d ON d.doc = q.doc
JOIN products p ON p.id = d.product_id
LEFT JOIN variants v ON v.id = d.variant_id AND d.variant_id <> ''
ORDER BY d.doc
"""

_QUEUED_REMOVALS = """
SELECT q.doc FROM catalog_queue q
WHERE NOT EXISTS (SELECT 1 FROM catalog_docs d WHERE d.doc = q.doc)
"""


def pending() -> bool:
    return bool(
        database_proxy.execute_sql("SELECT EXISTS (SELECT 1 FROM catalog_queue)").fetchone()[0]
    )


def apply_pending() -> int:
    """Index the queued changes; returns how many documents were written or removed."""
    if not pending():
        return 0
    with database_proxy.atomic():
        return _apply()


def _apply() -> int:
    cursor = database_proxy.cursor()
    removals = [(doc,) for (doc,) in cursor.execute(_QUEUED_REMOVALS).fetchall()]
    cursor.executemany("DELETE FROM catalog_fts WHERE rowid = ?", removals)
    rows = []
    for doc, p_name, p_sku, v_name, v_sku, v_attributes, variant_id in cursor.execute(
        _QUEUED_DOCUMENTS
    ):
        if variant_id and v_sku is None:
            continue  # its variant is gone: the delete trigger has queued the removal
        if variant_id:
            rows.append((doc, *document(p_name, v_sku, v_name, attributes_of(v_attributes))))
        else:
            rows.append((doc, *document(p_name, p_sku)))
    cursor.executemany(
        "INSERT INTO catalog_fts (rowid, name, detail, sku, joined) VALUES (?, ?, ?, ?, ?)", rows
    )
    cursor.execute("DELETE FROM catalog_queue")
    return len(rows) + len(removals)


def attributes_of(text: str | None) -> dict[str, Any]:
    """The attributes stored as JSON text; {} for anything else some writer may have left."""
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def rebuild() -> int:
    """Re-index the whole catalog from the tables (a repair; triggers normally suffice)."""
    with database_proxy.atomic():
        database_proxy.execute_sql("DELETE FROM catalog_fts")
        database_proxy.execute_sql("DELETE FROM catalog_docs")
        database_proxy.execute_sql(
            "INSERT INTO catalog_docs (product_id, variant_id) "
            "SELECT product_id, variant_id FROM catalog_doc_keys"
        )
        return _apply()


def optimize() -> None:
    """Merge the index into one segment after a big import: queries read far fewer pages."""
    with database_proxy.atomic():
        database_proxy.execute_sql("INSERT INTO catalog_fts (catalog_fts) VALUES ('optimize')")
