"""Text helpers for Vietnamese: search that ignores diacritics."""

import unicodedata

from django.db.models import Q


def fold(text):
    """Lower-case `text` without Vietnamese diacritics: "Hà Nội" -> "ha noi".

    "đ" is a separate letter, not a "d" with a combining mark, so it is mapped by hand.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().split())


def folded_search(query, field="search_text"):
    """A Q matching rows whose folded `field` contains every word of `query`.

    The folded text is stored on the row, so this works the same on SQLite and PostgreSQL.
    """
    condition = Q()
    for word in fold(query).split():
        condition &= Q(**{f"{field}__contains": word})
    return condition
