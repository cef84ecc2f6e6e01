"""One-typo tolerance: the words of the catalog within one edit of a typed word.

The vocabulary is the set of words (letters only, 4+ letters) of the indexed names, variant
names and attributes, held in memory per database and caught up incrementally: documents are
numbered in increasing order and never renumbered, so it reads only those above the last one
it saw. Words of deleted products stay (harmless: a correction that matches nothing finds
nothing).

Lookup is a deletion neighbourhood (SymSpell) over word prefixes: a typed word of n letters is
corrected to a prefix of n-1, n or n+1 letters of a catalog word, so a typo is forgiven while the
agent is still typing ('ceintr' -> 'ceintu', 'ceinure' -> 'ceinture').
"""

import bisect
from collections import defaultdict

import peewee

from sendocki_helper.services.catalog_text import tokens

MIN_TYPED = 5  # words shorter than this must be typed right: too many neighbours otherwise
MIN_PREFIX = MIN_TYPED - 1
MAX_CORRECTIONS = 6


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """Optimal string alignment distance <= 1 (a swap of two neighbours counts as one)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


class Vocabulary:
    def __init__(self) -> None:
        self.last_doc = 0
        self.words: set[str] = set()
        self._sorted: list[str] = []
        self._sorted_stale = False
        self._neighbours: dict[str, set[str]] = defaultdict(set)  # key -> prefixes it comes from
        self._prefixes: set[str] = set()

    def add_text(self, text: str) -> None:
        for word in tokens(text):
            if len(word) >= MIN_PREFIX and word.isalpha() and word not in self.words:
                self.words.add(word)
                self._sorted_stale = True
                for end in range(MIN_PREFIX, len(word) + 1):
                    prefix = word[:end]
                    if prefix in self._prefixes:
                        continue
                    self._prefixes.add(prefix)
                    self._neighbours[prefix].add(prefix)
                    for key in _deletes(prefix):
                        self._neighbours[key].add(prefix)

    def has_prefix(self, typed: str) -> bool:
        if self._sorted_stale:
            self._sorted = sorted(self.words)
            self._sorted_stale = False
        at = bisect.bisect_left(self._sorted, typed)
        return at < len(self._sorted) and self._sorted[at].startswith(typed)

    def corrections(self, typed: str) -> list[str]:
        """Catalog word prefixes one edit away from a typed word that matches nothing as is."""
        if len(typed) < MIN_TYPED or not typed.isalpha() or self.has_prefix(typed):
            return []
        found = set()
        for key in {typed} | _deletes(typed):
            for prefix in self._neighbours.get(key, ()):
                if abs(len(prefix) - len(typed)) <= 1 and within_one_edit(typed, prefix):
                    found.add(prefix)
        # Shortest first: 'ceintu' covers 'ceintur' and 'ceinture' in a prefix query.
        kept: list[str] = []
        for prefix in sorted(found, key=lambda p: (len(p), p)):
            if not any(prefix.startswith(shorter) for shorter in kept):
                kept.append(prefix)
        return kept[:MAX_CORRECTIONS]


_VOCABULARIES: dict[str, Vocabulary] = {}


def vocabulary(database: peewee.Database) -> Vocabulary:
    """The caught-up vocabulary of this database (call after the index queue is applied)."""
    vocab = _VOCABULARIES.setdefault(database.database, Vocabulary())
    row = database.execute_sql(
        "SELECT rowid FROM catalog_fts ORDER BY rowid DESC LIMIT 1"
    ).fetchone()
    top = row[0] if row else 0
    if top > vocab.last_doc:
        cursor = database.execute_sql(
            "SELECT name, detail, joined FROM catalog_fts WHERE rowid > ?", (vocab.last_doc,)
        )
        texts = set()  # names repeat on every variant: tokenize each distinct text once
        for row in cursor:
            texts.update(row)
        for text in texts:
            vocab.add_text(text)
        vocab.last_doc = top
    return vocab
