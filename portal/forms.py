"""Form pieces shared by every app."""

import re

from django import forms

_GROUPED_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def normalise_decimal_text(text):
    """Read a number as an officer types it, in either convention, as "1234.5".

    Vietnamese writes 50.985,5 (dot for thousands, comma for decimals); spreadsheets and English
    habits give 50985.5. With both marks the last one is the decimal separator; a lone comma is
    decimal; dots are thousands only when they group digits by three ("1.320", "50.985"), so
    "1.32" stays 1.32 instead of silently becoming 132.
    """
    text = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if "," in text:
        return text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    if _GROUPED_THOUSANDS.match(text):
        return text.replace(".", "")
    return text


class VietnameseDecimalField(forms.DecimalField):
    """A decimal field shown the Vietnamese way (1,32) that accepts both conventions on input."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value not in self.empty_values and isinstance(value, str):
            value = normalise_decimal_text(value)
            # The text is canonical now: skip Django's own separator handling.
            self.localize = False
            try:
                return super().to_python(value)
            finally:
                self.localize = True
        return super().to_python(value)
