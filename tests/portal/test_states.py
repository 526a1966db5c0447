"""The one shape of a workflow: a transition table checked by one function."""

import pytest
from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError
from portal.workflow import Transitions


class ExampleError(DomainError):
    pass


TABLE = Transitions(
    {"draft": {"sent"}, "sent": {"done", "draft"}, "done": set()},
    refusals={"sent": _("Only a draft can be sent."), ("done", "draft"): _("A finished item stays finished.")},
    error=ExampleError,
)


def test_allowed_moves_pass_and_are_listed_in_table_order():
    TABLE.check("draft", "sent")
    TABLE.check("sent", "done")

    assert TABLE.next_states("sent") == ["draft", "done"]
    assert TABLE.next_states("done") == []
    assert TABLE.sources("draft") == {"sent"}


def test_a_refused_move_raises_the_workflow_error_with_its_sentence():
    with pytest.raises(ExampleError) as refused:
        TABLE.check("done", "sent")

    assert refused.value.message == "Only a draft can be sent."
    assert isinstance(refused.value, DomainError)


def test_a_sentence_for_the_pair_wins_over_the_one_for_the_target():
    with pytest.raises(ExampleError) as refused:
        TABLE.check("done", "draft")

    assert str(refused.value) == "A finished item stays finished."


def test_a_move_without_its_own_sentence_gets_the_error_default():
    with pytest.raises(ExampleError) as refused:
        TABLE.check("draft", "done")

    assert refused.value.message == str(DomainError.default_message)


def test_an_unknown_state_allows_nothing():
    assert not TABLE.allows("lost", "draft")
    with pytest.raises(ExampleError):
        TABLE.check("lost", "draft")
