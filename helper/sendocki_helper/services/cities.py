"""Moroccan city names across spellings: 'Casablanca', 'Casa', 'الدار البيضاء', 'Dar el Beida'.

The table ships as `data/morocco_cities.json` (key, French/English/Arabic names, other spellings).
A name is compared folded: case, Latin accents, Arabic letter variants (catalog_text.fold),
spaces, hyphens, apostrophes and dots removed. One edit is forgiven in a Latin name of 6+
letters ('Casablnca'). `match` reads a City field; `find_in_text` finds a city inside a longer
text (an address selected in a chat), longest name first. Served by `GET /v1/cities/match`.
"""

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sendocki_helper.services.catalog_text import fold
from sendocki_helper.services.catalog_typos import within_one_edit

MAX_TEXT_CHARS = 500
MAX_WORDS_IN_NAME = 4
TYPO_FROM_LETTERS = 6


@dataclass(frozen=True)
class City:
    key: str
    names: dict  # fr, en, ar

    def as_json(self) -> dict:
        return {"key": self.key, "name": self.names["fr"], "names": dict(self.names)}


def folded(text: str) -> str:
    """The comparison form: lower case, no Latin accents, Arabic folded, no separators."""
    decomposed = unicodedata.normalize("NFKD", fold(text or ""))
    letters = []
    for char in decomposed:
        if unicodedata.category(char) == "Mn" and not "\u0600" <= char <= "\u06ff":
            continue  # a Latin accent
        if char.isalnum():
            letters.append(char.lower())
    return "".join(letters)


@cache
def _table() -> tuple[dict[str, City], dict[str, str]]:
    source = resources.files("sendocki_helper") / "data" / "morocco_cities.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    cities: dict[str, City] = {}
    spellings: dict[str, str] = {}
    for entry in data["cities"]:
        city = City(entry["key"], entry["names"])
        cities[city.key] = city
        for spelling in [*entry["names"].values(), *entry["aliases"]]:
            spellings.setdefault(folded(spelling), city.key)
    return cities, spellings


def all_cities() -> list[City]:
    return list(_table()[0].values())


def by_key(key: str) -> City | None:
    return _table()[0].get(key)


def match(text: str | None) -> City | None:
    """The city a City field names, or None."""
    key = folded((text or "")[:MAX_TEXT_CHARS])
    if not key:
        return None
    cities, spellings = _table()
    found = spellings.get(key)
    if found is None and key.isascii() and len(key) >= TYPO_FROM_LETTERS:
        found = _one_edit(key, spellings)
    return cities[found] if found else None


def _one_edit(key: str, spellings: dict[str, str]) -> str | None:
    found = {
        city
        for spelling, city in spellings.items()
        if spelling.isascii()
        and len(spelling) >= TYPO_FROM_LETTERS
        and within_one_edit(key, spelling)
    }
    return found.pop() if len(found) == 1 else None  # two cities one edit away: no guess


# 'rue de Fès, Casablanca': a city after one of these words names a street, not the city.
STREET_WORDS = {
    folded(word)
    for word in (
        "rue",
        "avenue",
        "av",
        "bd",
        "boulevard",
        "route",
        "place",
        "de",
        "du",
        "derb",
        "zenqa",
        "zankat",
        "شارع",
        "زنقة",
        "درب",
        "طريق",
        "ساحة",
    )
}


def find_in_text(text: str | None) -> tuple[City, str] | None:
    """The city an address names, with the words that named it: the last city in the text that
    does not follow a street word (addresses end with the city); longest name first."""
    words = (text or "")[:MAX_TEXT_CHARS].replace(",", " ").split()
    cities, spellings = _table()
    found: list[tuple[City, str, bool]] = []
    start = 0
    while start < len(words):
        for size in range(min(MAX_WORDS_IN_NAME, len(words) - start), 0, -1):
            phrase = words[start : start + size]
            key = spellings.get(folded("".join(phrase)))
            if key is not None:
                street = start > 0 and folded(words[start - 1]) in STREET_WORDS
                found.append((cities[key], " ".join(phrase), street))
                start += size - 1
                break
        start += 1
    named = [item for item in found if not item[2]] or found
    return (named[-1][0], named[-1][1]) if named else None
