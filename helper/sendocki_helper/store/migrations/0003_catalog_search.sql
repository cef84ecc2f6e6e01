-- Catalog search: an FTS5 index of the products and variants. See docs/catalog.md.
--
-- One document per active product (its name and SKU) and one per active variant of an active
-- product. Inactive rows have no document. Prices and stock are never indexed: search reads
-- them live from the tables.
--
-- Triggers on products and variants keep catalog_docs (which documents must exist) right for
-- every writer, in the writer's own transaction. They do not write FTS5 themselves: FTS5 flushes
-- its pending terms at every statement savepoint, and a trigger opens one per statement, which
-- made indexing 100k variants take 20 s instead of 2. Instead each added or removed document is
-- queued in catalog_queue, and services/catalog_index.py applies the queue in bulk (the importer
-- at the end of each batch, search before every query), so no query ever reads a stale index.

-- doc is the FTS rowid. AUTOINCREMENT: a doc number is never reused, so a queued number means
-- exactly one add (while its row exists) or one removal (once it is gone).
CREATE TABLE catalog_docs (
    doc INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id TEXT NOT NULL,
    variant_id TEXT NOT NULL  -- '' for the product's own document
);
CREATE UNIQUE INDEX catalog_docs_key ON catalog_docs (product_id, variant_id);

CREATE TABLE catalog_queue (
    doc INTEGER PRIMARY KEY
);

-- Case-insensitive exact SKU lookups (an exact reference ranks first).
CREATE INDEX products_sku_nocase ON products (sku COLLATE NOCASE);
CREATE INDEX variants_sku_nocase ON variants (sku COLLATE NOCASE);

-- unicode61 folds case and Latin accents; prefix indexes keep typed prefixes fast. The text of
-- each column is computed by services/catalog_text.py (Arabic folding, joined forms).
CREATE VIRTUAL TABLE catalog_fts USING fts5 (
    name, detail, sku, joined,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3 4'
);

-- The documents that must exist (the triggers below apply the same rules row by row).
CREATE VIEW catalog_doc_keys AS
SELECT p.id AS product_id, '' AS variant_id
FROM products p
WHERE p.active
UNION ALL
SELECT v.product_id, v.id
FROM variants v JOIN products p ON p.id = v.product_id
WHERE v.active AND p.active;

CREATE TRIGGER catalog_docs_ai AFTER INSERT ON catalog_docs BEGIN
    INSERT OR IGNORE INTO catalog_queue (doc) VALUES (NEW.doc);
END;

CREATE TRIGGER catalog_docs_ad AFTER DELETE ON catalog_docs BEGIN
    INSERT OR IGNORE INTO catalog_queue (doc) VALUES (OLD.doc);
END;

-- Products: (re)index the product and all its variants. The insert trigger clears first, so an
-- INSERT OR REPLACE (whose implicit delete fires no trigger) still leaves one document per row.
CREATE TRIGGER catalog_products_ai AFTER INSERT ON products BEGIN
    DELETE FROM catalog_docs WHERE product_id = NEW.id;
    INSERT INTO catalog_docs (product_id, variant_id) SELECT NEW.id, '' WHERE NEW.active;
    INSERT INTO catalog_docs (product_id, variant_id)
        SELECT NEW.id, v.id FROM variants v WHERE NEW.active AND v.product_id = NEW.id AND v.active;
END;

CREATE TRIGGER catalog_products_au AFTER UPDATE ON products
WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR OLD.sku IS NOT NEW.sku
  OR OLD.active IS NOT NEW.active
BEGIN
    DELETE FROM catalog_docs WHERE product_id = OLD.id;
    INSERT INTO catalog_docs (product_id, variant_id) SELECT NEW.id, '' WHERE NEW.active;
    INSERT INTO catalog_docs (product_id, variant_id)
        SELECT NEW.id, v.id FROM variants v WHERE NEW.active AND v.product_id = NEW.id AND v.active;
END;

CREATE TRIGGER catalog_products_ad AFTER DELETE ON products BEGIN
    DELETE FROM catalog_docs WHERE product_id = OLD.id;
END;

-- Variants: (re)index that one variant. Price and stock changes do not touch the index.
CREATE TRIGGER catalog_variants_ai AFTER INSERT ON variants BEGIN
    DELETE FROM catalog_docs WHERE product_id = NEW.product_id AND variant_id = NEW.id;
    INSERT INTO catalog_docs (product_id, variant_id)
        SELECT NEW.product_id, NEW.id WHERE NEW.active
            AND EXISTS (SELECT 1 FROM products p WHERE p.id = NEW.product_id AND p.active);
END;

CREATE TRIGGER catalog_variants_au AFTER UPDATE ON variants
WHEN OLD.id IS NOT NEW.id OR OLD.product_id IS NOT NEW.product_id OR OLD.name IS NOT NEW.name
  OR OLD.sku IS NOT NEW.sku OR OLD.attributes IS NOT NEW.attributes OR OLD.active IS NOT NEW.active
BEGIN
    DELETE FROM catalog_docs WHERE product_id = OLD.product_id AND variant_id = OLD.id;
    INSERT INTO catalog_docs (product_id, variant_id)
        SELECT NEW.product_id, NEW.id WHERE NEW.active
            AND EXISTS (SELECT 1 FROM products p WHERE p.id = NEW.product_id AND p.active);
END;

CREATE TRIGGER catalog_variants_ad AFTER DELETE ON variants BEGIN
    DELETE FROM catalog_docs WHERE product_id = OLD.product_id AND variant_id = OLD.id;
END;

-- Queue what is already in the store; the first search (or import) indexes it.
INSERT INTO catalog_docs (product_id, variant_id) SELECT product_id, variant_id FROM catalog_doc_keys;
