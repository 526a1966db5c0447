"""The Vietnamese catalogues are complete, one English text never means two things, and no message
is assembled from translated fragments (a state label or a verb inserted into a sentence)."""

import ast
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


# Placeholders that stand for a word of the sentence (a state, a verb, a label) rather than a name,
# a number or a date: the translator cannot inflect around them.
WORD_PLACEHOLDERS = {"state", "status", "action", "label", "phase", "current", "to", "result", "verb", "kind", "scope"}
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}
WRAPPERS = {"lower", "upper", "capitalize", "title", "strip"}


def test_no_msgid_has_a_placeholder_for_a_word():
    placeholders = {
        msgid: found
        for catalogue in CATALOGUES
        for msgid, _msgstr, _fuzzy in entries(catalogue)
        if (found := set(re.findall(r"{(\w+)}", msgid)) & WORD_PLACEHOLDERS)
    }

    assert placeholders == {}


def _is_gettext(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT


def _fragment(node):
    """What makes `node` a translated fragment: a gettext call, a choice label or a get_FOO_display()."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRAPPERS:
        return _fragment(node.func.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str" and node.args:
        return _fragment(node.args[0])
    if isinstance(node, ast.IfExp):
        return _fragment(node.body) or _fragment(node.orelse)
    if _is_gettext(node):
        return "a translated piece"
    if isinstance(node, ast.Attribute) and node.attr == "label":
        return "a choice label"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        name = node.func.attr
        if name.startswith("get_") and name.endswith("_display"):
            return "a choice label"
    return None


def fragments_in(source, name):
    """Where `source` inserts a translated fragment into a translated sentence, or glues translated pieces."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and _is_gettext(node.func.value)
        ):
            found += [
                f"{name}:{node.lineno}: {{{keyword.arg}}} is {what}"
                for keyword in node.keywords
                if (what := _fragment(keyword.value))
            ]
        glued = isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod)
        if glued and (_is_gettext(node.left) or _is_gettext(node.right)):
            found.append(f"{name}:{node.lineno}: a translated piece is glued to another")
    return found


def app_sources():
    base = Path(settings.BASE_DIR)
    for app in sorted(path.parent for path in base.glob("*/apps.py")):
        for path in sorted(app.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(base), path.read_text(encoding="utf-8")


def test_no_message_is_assembled_from_translated_fragments():
    found = [problem for name, source in app_sources() for problem in fragments_in(source, name)]

    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        '_("The proposal is “{state}”.").format(state=proposal.get_state_display())',
        '_("It cannot be {action} now.").format(action=_("submitted"))',
        '_("The movement is “{state}”.").format(state=MovementState(movement.state).label)',
        '_("Held: a case of {kind}.").format(kind=case.get_kind_display().lower())',
        '_("Nothing was imported: ") + "; ".join(problems)',
        '_("Vote: {result}.").format(result=_("passed") if passed else _("not passed"))',
    ],
)
def test_the_fragment_check_catches_each_pattern(source):
    assert fragments_in(source, "example.py")


def test_the_fragment_check_lets_names_numbers_and_dates_in():
    source = '_("{name} is already proposed for {award} in {year}.").format(name=person, award=award, year=2025)'

    assert fragments_in(source, "example.py") == []
