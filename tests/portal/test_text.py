import pytest

from portal.text import fold


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
