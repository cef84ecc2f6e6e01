"""Named attributes from option names and values, or from a variant name like 'Noir / M'."""

import re
import unicodedata

COLOURS = {
    "noir",
    "blanc",
    "rouge",
    "bleu",
    "vert",
    "jaune",
    "rose",
    "gris",
    "marron",
    "beige",
    "ecru",
    "bordeaux",
    "kaki",
    "dore",
    "argent",
    "argente",
    "or",
    "camel",
    "turquoise",
    "violet",
    "orange",
    "marine",
    "creme",
    "taupe",
    "fuchsia",
    "corail",
    "moutarde",
    "multicolore",
    "black",
    "white",
    "red",
    "blue",
    "green",
    "yellow",
    "pink",
    "grey",
    "gray",
    "brown",
    "navy",
    "gold",
    "silver",
    "purple",
}
SIZE = re.compile(r"^(?:X{0,3}S|M|X{0,4}L|\dXL|TU|\d{1,3}(?:[.,]5)?)$", re.IGNORECASE)
NAMED = re.compile(r"^(taille|size|pointure|couleur|color|colour)\s*:?\s+(.+)$", re.IGNORECASE)
KEYS = {
    "taille": "size",
    "size": "size",
    "pointure": "size",
    "couleur": "color",
    "color": "color",
    "colour": "color",
}


def _plain(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    ).lower()


def attribute_key(option_name: str) -> str:
    plain = _plain(option_name.strip())
    return KEYS.get(plain, plain or "option")


def from_options(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Shopify's (Option1 Name, Option1 Value)...; 'Title'/'Default Title' means no option."""
    found: dict[str, str] = {}
    for name, value in pairs:
        name, value = (name or "").strip(), (value or "").strip()
        if value and not (name.lower() == "title" and value.lower() == "default title"):
            found[attribute_key(name) if name else f"option{len(found) + 1}"] = value
    return found


def from_variant_name(name: str) -> dict:
    """'Noir / M' -> {'color': 'Noir', 'size': 'M'}; 'Black / Size M' too; others option1.."""
    found: dict[str, str] = {}
    parts = [
        part.strip() for part in re.split(r"\s*/\s*|\s+-\s+|\s*,\s*", name or "") if part.strip()
    ]
    for position, part in enumerate(parts, start=1):
        named = NAMED.match(part)
        if named:
            key, value = KEYS[named.group(1).lower()], named.group(2).strip()
        elif _plain(part) in COLOURS and "color" not in found:
            key, value = "color", part
        elif SIZE.match(part) and "size" not in found:
            key, value = "size", part
        else:
            key, value = f"option{position}", part
        found.setdefault(key, value)
    return found
