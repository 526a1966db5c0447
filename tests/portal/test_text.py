import pytest

from portal.text import FoldedSearchMixin, fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hà Nội", "ha noi"),
        ("HÀ NỘI", "ha noi"),
        ("Đắk Lắk", "dak lak"),
        ("  Thừa   Thiên Huế ", "thua thien hue"),
        ("Bà Rịa - Vũng Tàu", "ba ria - vung tau"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_removes_vietnamese_diacritics(text, expected):
    assert fold(text) == expected


class Named:
    """A stand-in for a model's base: records what save() was called with."""

    def save(self, *args, **kwargs):
        self.saved_with = kwargs


class Searchable(FoldedSearchMixin, Named):
    search_text_max_length = 8

    def __init__(self, *words):
        self.words = words

    def search_words(self):
        return self.words


def test_folded_search_mixin_folds_skips_empty_words_and_truncates():
    item = Searchable("Hà Nội", "", None, "Đà Nẵng")

    item.save()

    assert item.search_text == "ha noi d"


def test_folded_search_mixin_adds_search_text_to_update_fields():
    item = Searchable("Huế")

    item.save(update_fields=["name"])

    assert item.saved_with["update_fields"] == {"name", "search_text"}
