"""Checks shared by the transition-table tests (tests/<app>/test_states.py)."""

from django.utils import translation


def assert_whole_sentence(message):
    """`message` is one or more whole Vietnamese sentences: translated, capitalised, closed, no placeholder left."""
    text = str(message)
    with translation.override("en"):
        english = str(message)
    assert text != english or not english.isascii(), f"untranslated: {english}"
    assert text[:1].isupper(), text
    assert text.rstrip().endswith((".", "!", "?")), text
    assert "{" not in text and "}" not in text, text


def assert_table_is_complete(transitions, states):
    """Every state has a row, and every refusal of every move has its own sentence."""
    assert set(transitions.table) == set(states)
    for current in states:
        for target in states:
            if not transitions.allows(current, target):
                refusal = transitions.refusal(current, target)
                assert refusal != transitions.error.default_message, (current, target)
                assert_whole_sentence(refusal)
