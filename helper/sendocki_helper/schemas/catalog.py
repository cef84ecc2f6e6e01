"""Catalog search models."""

from typing import Any

from pydantic import Field

from sendocki_helper.schemas.common import Money, Open, Strict


class CatalogSearchQuery(Strict):
    q: str = Field(
        default="",
        description="Any text: words of a name or attribute, or a SKU. "
        "Empty (or only punctuation) answers no results.",
    )
    limit: int = Field(default=20, ge=1, le=50, description="How many products at most")


class CatalogVariant(Open):
    id: str
    sku: str
    name: str
    attributes: dict[str, Any]
    price: Money = Field(description="The variant's own price, else its product's")
    available: int
    matched: bool = Field(description="This variant matched the query (matching ones come first)")


class CatalogProduct(Open):
    product_id: str
    name: str
    sku: str
    kind: str  # simple | variable
    price: Money
    active: bool
    thumbnail: bool = Field(
        description="The product has a photo: GET /v1/catalog/products/{product_id}/thumbnail"
    )
    available: int | None = Field(description="Sum over the variants; null without variants")
    variants: list[CatalogVariant]


class CatalogSearchAnswer(Open):
    results: list[CatalogProduct]
