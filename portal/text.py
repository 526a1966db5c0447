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


class FoldedSearchMixin:
    """Keeps a model's `search_text` column equal to the folded text of `search_words()`.

    Mixed into a model before its Django base; the model declares the `search_text` field (its
    size and index are the model's business) and says which words are searched.
    """

    search_text_max_length = None

    def search_words(self):
        raise NotImplementedError

    def save(self, *args, **kwargs):
        folded = fold(" ".join(str(word) for word in self.search_words() if word))
        self.search_text = folded[: self.search_text_max_length] if self.search_text_max_length else folded
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)
