"""Instant catalog search by name, attribute or reference (SKU), through SQLite FTS5.

Rules (docs/catalog.md): every typed word must match (AND); words of 2+ characters match as
prefixes, a single character only as a whole word (a size like 'M'); each word is quoted, so no
text is ever FTS5 syntax; a hyphenated word also matches its joined form ('t-shirt' / 'tshirt');
a word of 5+ letters that matches nothing gets its one-edit corrections. Results are products,
best first (an exact SKU first, then bm25), each with its active variants, the matching ones
first.
"""

from sendocki_helper.services import catalog_index, catalog_typos
from sendocki_helper.services.catalog_text import tokens
from sendocki_helper.services.catalog_typos import Vocabulary
from sendocki_helper.store.fields import from_centimes
from sendocki_helper.store.models import database_proxy

DEFAULT_LIMIT = 20
MAX_LIMIT = 50
MAX_QUERY_CHARS = 200
MAX_WORDS = 8
# bm25 costs about 1 us per matching document. A query matching more than this (two letters
# typed in a big catalog) ranks only the most recently indexed ones, so it stays instant; one
# more letter narrows it.
RANK_CAP = 1500
# name, detail (variant name and attributes), sku, joined forms: a name or SKU hit beats an
# attribute hit.
WEIGHTS = "10.0, 3.0, 8.0, 6.0"


def search(q: str | None, limit: int = DEFAULT_LIMIT) -> dict:
    catalog_index.apply_pending()
    text = (q or "")[:MAX_QUERY_CHARS]
    words = [word for word in (tokens(chunk) for chunk in text.split()) if word][:MAX_WORDS]
    if not words:
        return {"results": []}  # nothing searchable typed yet (empty, spaces, punctuation)
    vocab = catalog_typos.vocabulary(database_proxy.obj)
    ranked = _ranked(match_expression(words, vocab), limit)
    if not ranked and len(words) > 1 and len("".join(words[-1])) == 1:
        # 'sac cuir n': the agent is typing the next word; show what the rest finds meanwhile.
        ranked = _ranked(match_expression(words[:-1], vocab), limit)
    return {"results": _hydrate(_group(_exact_sku(text.strip()) + ranked, limit))}


def _quoted(token_list: list[str], prefix: bool) -> str:
    # Tokens hold only letters and digits, so quoting cannot be escaped out of.
    return '"' + " ".join(token_list) + '"' + ("*" if prefix else "")


def match_expression(words: list[list[str]], vocab: Vocabulary) -> str:
    parts = []
    for word in words:
        # A one-character prefix has no prefix index and matches half the catalog: 't-s' is the
        # phrase 't s' exactly, or the prefix 'ts' of the joined form.
        options = [_quoted(word, len(word[-1]) > 1)]
        if len(word) > 1:
            options.append(_quoted(["".join(word)], True))
        corrected = _corrected(word, vocab)
        if corrected:
            options.append(corrected)
        parts.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return " AND ".join(parts)


def _corrected(word: list[str], vocab: Vocabulary) -> str | None:
    """The word with each unmatched 5+ letter token replaced by its corrections, or None."""
    alternatives = []
    changed = False
    for token in word:
        fixes = vocab.corrections(token)
        changed = changed or bool(fixes)
        alternatives.append([token, *fixes])
    if not changed:
        return None
    groups = []
    for options in alternatives:
        quoted = [_quoted([option], True) for option in options]
        groups.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return groups[0] if len(groups) == 1 else "(" + " AND ".join(groups) + ")"


def _exact_sku(text: str) -> list[tuple[str, str]]:
    """(product_id, variant_id) of a reference typed exactly, any case: these rank first."""
    if not text or len(text) > 64 or any(ch.isspace() for ch in text):
        return []
    db = database_proxy
    found = [
        (product_id, variant_id)
        for product_id, variant_id in db.execute_sql(
            "SELECT v.product_id, v.id FROM variants v JOIN products p ON p.id = v.product_id "
            "WHERE v.sku = ? COLLATE NOCASE AND v.active AND p.active",
            (text,),
        )
    ]
    found += [
        (product_id, "")
        for (product_id,) in db.execute_sql(
            "SELECT id FROM products WHERE sku = ? COLLATE NOCASE AND active", (text,)
        )
    ]
    return found


def _ranked(expression: str, limit: int) -> list[tuple[str, str]]:
    db = database_proxy
    floor = db.execute_sql(
        "SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (expression, RANK_CAP - 1),
    ).fetchone()
    docs = [
        doc
        for (doc,) in db.execute_sql(
            f"SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ? AND rowid >= ? "
            f"ORDER BY bm25(catalog_fts, {WEIGHTS}), rowid LIMIT ?",
            (expression, floor[0] if floor else 0, max(200, limit * 10)),
        )
    ]
    if not docs:
        return []
    keys = {
        doc: (product_id, variant_id)
        for doc, product_id, variant_id in db.execute_sql(
            f"SELECT doc, product_id, variant_id FROM catalog_docs WHERE doc IN ({','.join('?' * len(docs))})",
            docs,
        )
    }
    return [keys[doc] for doc in docs if doc in keys]


def _group(ranked: list[tuple[str, str]], limit: int) -> dict[str, list[str]]:
    """product_id -> its matching variant ids, products in rank order, at most `limit`."""
    products: dict[str, list[str]] = {}
    for product_id, variant_id in ranked:
        if product_id not in products:
            if len(products) == limit:
                continue
            products[product_id] = []
        if variant_id and variant_id not in products[product_id]:
            products[product_id].append(variant_id)
    return products


def _hydrate(groups: dict[str, list[str]]) -> list[dict]:
    """Live rows (price, stock, active) for the ranked products: the index only finds them."""
    if not groups:
        return []
    db = database_proxy
    marks = ",".join("?" * len(groups))
    products = {
        row[0]: row
        for row in db.execute_sql(
            f"SELECT id, sku, name, kind, price, image_url IS NOT NULL FROM products "
            f"WHERE id IN ({marks}) AND active",
            list(groups),
        )
    }
    variants: dict[str, list[tuple]] = {}
    for row in db.execute_sql(
        f"SELECT id, product_id, sku, name, attributes, price, available FROM variants "
        f"WHERE product_id IN ({marks}) AND active ORDER BY rowid",
        list(groups),
    ):
        variants.setdefault(row[1], []).append(row)
    results = []
    for product_id, matched in groups.items():
        if product_id not in products:
            continue
        _, sku, name, kind, price, has_photo = products[product_id]
        price = from_centimes(price)
        rows = variants.get(product_id, [])
        rank = {variant_id: position for position, variant_id in enumerate(matched)}
        rows.sort(key=lambda row: rank.get(row[0], len(rank)))
        results.append(
            {
                "product_id": product_id,
                "name": name,
                "sku": sku,
                "kind": kind,
                "price": price,
                "active": True,
                "thumbnail": bool(has_photo),
                "available": sum(row[6] for row in rows) if rows else None,
                "variants": [
                    {
                        "id": row[0],
                        "sku": row[2],
                        "name": row[3],
                        "attributes": catalog_index.attributes_of(row[4]),
                        "price": from_centimes(row[5]) if row[5] is not None else price,
                        "available": row[6],
                        "matched": row[0] in rank,
                    }
                    for row in rows
                ],
            }
        )
    return results


def warm() -> None:
    """Apply queued index changes and load the typo vocabulary, so the first search is instant."""
    catalog_index.apply_pending()
    catalog_typos.vocabulary(database_proxy.obj)
