"""The Vietnamese catalogues are complete, and one English text never means two things."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR).glob("*/locale/vi/LC_MESSAGES/django.po")) + [
    Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES/django.po"
]
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
# Same English, different Vietnamese wording of the same meaning: harmless, whichever wins.
SAME_MEANING = {
    "All clusters and blocs",
    "Deadline",
    "deadline",
    "Draft",
    "Edit",
    "Export to Excel",
    "Next",
    "Pages",
    "Previous",
    "Submitted",
    "submitted",
    "changed",
    "created at",
    "updated at",
    "maximum",
    "rank",
    "source",
    "term",
    "title",
    "Level",
    "Title",
    "Period",
    "The document was attached.",
    "The workbook has no rows to import.",
    "Fill in the template. Nothing is written unless every row is valid.",
}


def entries(path):
    """(msgid, msgstr, is_fuzzy) of each singular entry of a .po file."""
    found = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        if "msgid_plural" in block or "msgctxt" in block:
            continue
        match = re.search(r"^msgid ((?:\".*\"\n?)+)^msgstr ((?:\".*\"\n?)+)", block + "\n", re.M)
        if not match:
            continue
        msgid = "".join(QUOTED.findall(match.group(1)))
        if msgid:
            found.append((msgid, "".join(QUOTED.findall(match.group(2))), "#, fuzzy" in block))
    return found


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-5])
def test_catalogue_translates_every_text(catalogue):
    missing = [msgid for msgid, msgstr, fuzzy in entries(catalogue) if not msgstr or fuzzy]

    assert missing == []


def test_one_english_text_has_one_vietnamese_meaning_across_apps():
    translations = {}
    for catalogue in CATALOGUES:
        for msgid, msgstr, _fuzzy in entries(catalogue):
            translations.setdefault(msgid, set()).add(msgstr)

    clashes = {msgid: found for msgid, found in translations.items() if len(found) > 1 and msgid not in SAME_MEANING}

    assert clashes == {}
