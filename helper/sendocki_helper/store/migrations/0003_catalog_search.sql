-- Catalog search: an FTS5 index kept right by triggers, so every writer (import, demo seed,
-- sync puller, a manual UPDATE) updates it in the same transaction. See docs/catalog.md.
--
-- One document per active product (its name and SKU) and one per active variant of an active
-- product (product name, variant name and attribute values, variant SKU). Inactive rows are not
-- indexed at all. Prices and stock are never indexed: search reads them live from the tables.

-- doc is the FTS rowid. AUTOINCREMENT: a re-indexed row always gets a new, larger doc, so the
-- typo vocabulary can catch up by reading only docs above the last one it saw.
CREATE TABLE catalog_docs (
    doc INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id TEXT NOT NULL,
    variant_id TEXT NOT NULL  -- '' for the product's own document
);
CREATE UNIQUE INDEX catalog_docs_key ON catalog_docs (product_id, variant_id);

-- Case-insensitive exact SKU lookups (an exact reference ranks first).
CREATE INDEX products_sku_nocase ON products (sku COLLATE NOCASE);
CREATE INDEX variants_sku_nocase ON variants (sku COLLATE NOCASE);

-- unicode61 folds case and Latin accents; prefix indexes keep typed prefixes fast.
CREATE VIRTUAL TABLE catalog_fts USING fts5 (
    name, detail, sku, joined,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3 4'
);

-- The raw text of each document. Attributes are read only when they are valid JSON, so a
-- malformed value from some writer never makes its INSERT fail.
CREATE VIEW catalog_doc_raw AS
SELECT p.id AS product_id, '' AS variant_id, p.name AS name, '' AS detail, p.sku AS sku
FROM products p
WHERE p.active
UNION ALL
SELECT v.product_id, v.id, p.name,
       v.name || ' ' || CASE WHEN json_valid(v.attributes)
           THEN coalesce((SELECT group_concat(j.value, ' ') FROM json_each(v.attributes) j), '')
           ELSE '' END,
       v.sku
FROM variants v JOIN products p ON p.id = v.product_id
WHERE v.active AND p.active;

-- Arabic folding that unicode61 does not do: hamza forms of alef to bare alef, alef maqsura to
-- ya, ta marbuta to ha; tatweel and harakat removed (unicode61 would split a word on them).
-- The query side (services/catalog_text.py) applies the same folding.
CREATE VIEW catalog_doc_folded AS
SELECT product_id, variant_id, sku,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(name,
      char(1571), char(1575)), char(1573), char(1575)), char(1570), char(1575)),
      char(1649), char(1575)), char(1609), char(1610)), char(1577), char(1607)),
      char(1600), ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''),
      char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), '')
    AS name,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(detail,
      char(1571), char(1575)), char(1573), char(1575)), char(1570), char(1575)),
      char(1649), char(1575)), char(1609), char(1610)), char(1577), char(1607)),
      char(1600), ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''),
      char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), '')
    AS detail
FROM catalog_doc_raw;

-- The indexed columns. sku also carries the SKU without separators ('TSH-BLANC-M' is found by
-- 'tshblanc'); joined carries the text with hyphens and apostrophes removed ('T-shirt' is found
-- by 'tshirt'), only when that changes something.
CREATE VIEW catalog_doc_text AS
SELECT product_id, variant_id, name, detail,
    sku || ' ' || replace(replace(replace(replace(replace(sku, '-', ''), '_', ''), '.', ''), '/', ''), ' ', '')
    AS sku,
    CASE WHEN replace(replace(replace(name || ' ' || detail, '-', ''), '''', ''), char(8217), '')
              = name || ' ' || detail THEN ''
         ELSE replace(replace(replace(name || ' ' || detail, '-', ''), '''', ''), char(8217), '')
    END AS joined
FROM catalog_doc_folded;

-- Products: (re)index the product and all its variants. The insert trigger clears first, so an
-- INSERT OR REPLACE (whose implicit delete fires no trigger) still leaves one document per row.
CREATE TRIGGER catalog_products_ai AFTER INSERT ON products BEGIN
    DELETE FROM catalog_fts WHERE rowid IN (SELECT doc FROM catalog_docs WHERE product_id = NEW.id);
    DELETE FROM catalog_docs WHERE product_id = NEW.id;
    INSERT INTO catalog_docs (product_id, variant_id)
        SELECT product_id, variant_id FROM catalog_doc_raw WHERE product_id = NEW.id;
    INSERT INTO catalog_fts (rowid, name, detail, sku, joined)
        SELECT d.doc, t.name, t.detail, t.sku, t.joined
        FROM catalog_doc_text t JOIN catalog_docs d
          ON d.product_id = t.product_id AND d.variant_id = t.variant_id
        WHERE t.product_id = NEW.id;
END;

CREATE TRIGGER catalog_products_au AFTER UPDATE ON products
WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR OLD.sku IS NOT NEW.sku
  OR OLD.active IS NOT NEW.active
BEGIN
    DELETE FROM catalog_fts WHERE rowid IN (SELECT doc FROM catalog_docs WHERE product_id = OLD.id);
    DELETE FROM catalog_docs WHERE product_id = OLD.id;
    INSERT INTO catalog_docs (product_id, variant_id)
        SELECT product_id, variant_id FROM catalog_doc_raw WHERE product_id = NEW.id;
    INSERT INTO catalog_fts (rowid, name, detail, sku, joined)
        SELECT d.doc, t.name, t.detail, t.sku, t.joined
        FROM catalog_doc_text t JOIN catalog_docs d
          ON d.product_id = t.product_id AND d.variant_id = t.variant_id
        WHERE t.product_id = NEW.id;
END;

CREATE TRIGGER catalog_products_ad AFTER DELETE ON products BEGIN
    DELETE FROM catalog_fts WHERE rowid IN (SELECT doc FROM catalog_docs WHERE product_id = OLD.id);
    DELETE FROM catalog_docs WHERE product_id = OLD.id;
END;

-- Variants: (re)index that one variant. Price and stock changes do not touch the index.
CREATE TRIGGER catalog_variants_ai AFTER INSERT ON variants BEGIN
    DELETE FROM catalog_fts WHERE rowid IN (SELECT doc FROM catalog_docs WHERE variant_id = NEW.id
                                            AND product_id = NEW.product_id);
    DELETE FROM catalog_docs WHERE product_id = NEW.product_id AND variant_id = NEW.id;
    INSERT INTO catalog_docs (product_id, variant_id)
        SELECT product_id, variant_id FROM catalog_doc_raw
        WHERE product_id = NEW.product_id AND variant_id = NEW.id;
    INSERT INTO catalog_fts (rowid, name, detail, sku, joined)
        SELECT d.doc, t.name, t.detail, t.sku, t.joined
        FROM catalog_doc_text t JOIN catalog_docs d
          ON d.product_id = t.product_id AND d.variant_id = t.variant_id
        WHERE t.product_id = NEW.product_id AND t.variant_id = NEW.id;
END;

CREATE TRIGGER catalog_variants_au AFTER UPDATE ON variants
WHEN OLD.id IS NOT NEW.id OR OLD.product_id IS NOT NEW.product_id OR OLD.name IS NOT NEW.name
  OR OLD.sku IS NOT NEW.sku OR OLD.attributes IS NOT NEW.attributes OR OLD.active IS NOT NEW.active
BEGIN
    DELETE FROM catalog_fts WHERE rowid IN (SELECT doc FROM catalog_docs WHERE variant_id = OLD.id
                                            AND product_id = OLD.product_id);
    DELETE FROM catalog_docs WHERE product_id = OLD.product_id AND variant_id = OLD.id;
    INSERT INTO catalog_docs (product_id, variant_id)
        SELECT product_id, variant_id FROM catalog_doc_raw
        WHERE product_id = NEW.product_id AND variant_id = NEW.id;
    INSERT INTO catalog_fts (rowid, name, detail, sku, joined)
        SELECT d.doc, t.name, t.detail, t.sku, t.joined
        FROM catalog_doc_text t JOIN catalog_docs d
          ON d.product_id = t.product_id AND d.variant_id = t.variant_id
        WHERE t.product_id = NEW.product_id AND t.variant_id = NEW.id;
END;

CREATE TRIGGER catalog_variants_ad AFTER DELETE ON variants BEGIN
    DELETE FROM catalog_fts WHERE rowid IN (SELECT doc FROM catalog_docs WHERE variant_id = OLD.id
                                            AND product_id = OLD.product_id);
    DELETE FROM catalog_docs WHERE product_id = OLD.product_id AND variant_id = OLD.id;
END;

-- Index what is already in the store.
INSERT INTO catalog_docs (product_id, variant_id) SELECT product_id, variant_id FROM catalog_doc_raw;
INSERT INTO catalog_fts (rowid, name, detail, sku, joined)
    SELECT d.doc, t.name, t.detail, t.sku, t.joined
    FROM catalog_doc_text t JOIN catalog_docs d
      ON d.product_id = t.product_id AND d.variant_id = t.variant_id;
