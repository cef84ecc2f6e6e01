"""Shopify's product CSV export.

Rows are grouped by Handle; the first row of a product carries Title, Status and the option
names, continuation rows only the variant columns; rows without any variant column (extra
images) are skipped. A single 'Default Title' option means a simple product, whose SKU is its
variant's. A variable product's SKU is its Handle (Shopify has no product SKU).
"""

from collections.abc import Iterable
from typing import Any

from sendocki_helper.services.importers.attributes import from_options
from sendocki_helper.services.importers.limits import MAX_NAME_CHARS, MAX_SKU_CHARS, bounded
from sendocki_helper.services.importers.records import (
    LineError,
    Parsed,
    ProductRecord,
    VariantRecord,
    image_url,
    money,
    quantity,
    required,
)

NAME = "shopify"
SIGNATURE = {"handle", "variant sku"}
VARIANT_COLUMNS = ("variant sku", "variant price", "option1 value", "variant inventory qty")


def parse(rows: Iterable[tuple[int, dict[str, str]]]) -> Parsed:
    parsed = Parsed()
    groups: dict[str, dict] = {}
    for line, row in rows:
        try:
            handle = required(row, "handle", line, "Handle")
            group = groups.get(handle)
            if group is None:
                group = groups[handle] = {"line": line, "first": row, "variants": [], "error": None}
                try:
                    _first_row(group, row, line)
                except LineError:
                    group["error"] = line
                    raise
            elif group["error"]:
                raise LineError(line, "Handle", f"its product (line {group['error']}) was rejected")
            if group.get("image") is None:
                group["image"] = image_url(row.get("image src"), line, "Image Src")
            if not any((row.get(column) or "").strip() for column in VARIANT_COLUMNS):
                continue  # an image row
            group["variants"].append(_variant(row, group["first"], line))
        except LineError as error:
            parsed.errors.append(error)
    seen: dict[str, int] = {}
    for handle, group in groups.items():
        if group["error"] or not group["variants"]:
            continue
        variants = []
        for record in group["variants"]:
            if record.sku in seen:
                parsed.errors.append(
                    LineError(
                        record.line,
                        "Variant SKU",
                        f"{record.sku} is already on line {seen[record.sku]}",
                    )
                )
            else:
                seen[record.sku] = record.line
                variants.append(record)
        if variants:
            parsed.products.append(_product(handle, group, variants))
    return parsed


def _first_row(group: dict[str, Any], row: dict[str, str], line: int) -> None:
    title = required(row, "title", line, "Title")
    bounded(title, line, "Title", MAX_NAME_CHARS)
    bounded(group["first"]["handle"].strip(), line, "Handle", MAX_SKU_CHARS)
    group["cost"] = money(row.get("cost per item"), line, "Cost per item", required=False)


def _variant(row: dict[str, str], first: dict[str, str], line: int) -> VariantRecord:
    sku = required(row, "variant sku", line, "Variant SKU").strip()
    bounded(sku, line, "Variant SKU", MAX_SKU_CHARS)
    price = money(row.get("variant price"), line, "Variant Price", required=True)
    options = [
        (
            first.get(f"option{i} name") or row.get(f"option{i} name") or "",
            row.get(f"option{i} value") or "",
        )
        for i in (1, 2, 3)
    ]
    attributes = from_options(options)
    return VariantRecord(
        line,
        sku,
        bounded(" / ".join(attributes.values()), line, "Option1 Value", MAX_NAME_CHARS),
        attributes,
        price,
        quantity(row.get("variant inventory qty"), line, "Variant Inventory Qty"),
    )


def _product(handle: str, group: dict[str, Any], variants: list[VariantRecord]) -> ProductRecord:
    first = group["first"]
    title = first["title"].strip()
    status = (first.get("status") or "active").strip().lower()
    cost = group["cost"]
    image = group.get("image")
    base = variants[0].price
    assert base is not None, "_variant prices every Shopify row"
    simple = len(variants) == 1 and not variants[0].attributes
    if simple:
        only = variants[0]
        only.name, only.price = title, None
        return ProductRecord(
            group["line"],
            only.sku,
            title,
            "simple",
            base,
            cost,
            status == "active",
            variants,
            image,
        )
    for record in variants:
        record.price = None if record.price == base else record.price
    return ProductRecord(
        group["line"], handle, title, "variable", base, cost, status == "active", variants, image
    )
