"""Catalog text as the search index sees it, shared by indexing and querying.

FTS5's unicode61 tokenizer (remove_diacritics 2) folds case and Latin accents itself. What it
does not do is done here, the same way on both sides: Arabic folding (unicode61 would even split
a word on its harakat), SKUs without separators, and hyphenated words joined ('T-shirt' is also
'tshirt').
"""

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# Hamza forms of alef -> bare alef, alef maqsura -> ya, ta marbuta -> ha; tatweel, harakat and
# the superscript alef removed. Sellers and customers write Arabic both ways.
_ARABIC = {
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0622": "\u0627",
    "\u0671": "\u0627",
    "\u0649": "\u064a",
    "\u0629": "\u0647",
    "\u0640": None,
    "\u0670": None,
}
_ARABIC.update({chr(code): None for code in range(0x064B, 0x0653)})
ARABIC_FOLD = str.maketrans(_ARABIC)

JOINED_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)+")
SKU_SEPARATORS = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    return text.translate(ARABIC_FOLD)


COMBINING_MARKS = re.compile("[\u0300-\u036f]")
WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """The tokens unicode61 would make (letters and digits), lower-cased, Latin accents removed."""
    plain = COMBINING_MARKS.sub("", unicodedata.normalize("NFD", fold(text)))
    return [word.lower() for word in WORD.findall(plain)]


def joined_words(text: str) -> str:
    """'T-shirt col-V d'été' -> 'Tshirt colV dété': the forms typed without the hyphen."""
    return " ".join(re.sub(r"[-'\u2019]", "", word) for word in JOINED_WORD.findall(text))


def compact_sku(sku: str) -> str:
    return SKU_SEPARATORS.sub("", sku)


def attribute_text(attributes: object) -> str:
    values: Iterable[Any]
    if isinstance(attributes, dict):
        values = attributes.values()
    elif isinstance(attributes, list):
        values = attributes
    else:
        return ""
    return " ".join(str(value) for value in values if isinstance(value, (str, int, float)))


def document(
    product_name: str, sku: str, variant_name: str = "", attributes: object = None
) -> tuple[str, str, str, str]:
    """The FTS columns (name, detail, sku, joined) of one product or variant document."""
    name = fold(product_name or "")
    detail = fold(
        " ".join(part for part in (variant_name or "", attribute_text(attributes)) if part)
    )
    sku = sku or ""
    compact = compact_sku(sku)
    sku_text = f"{sku} {compact}" if compact != sku else sku
    joined = joined_words(f"{name} {detail}")
    return name, detail, sku_text, joined
