"""Transition tables: the one shape of every workflow in the portal.

Each workflow is a `Transitions` built next to its domain functions (`<app>/domain/workflow.py`):
a dict from each state to the states that may follow it, and, for each refused move, one whole
translatable sentence. A domain function calls `check(current, to)` before it writes anything;
a refused move raises the workflow's `DomainError` subclass with that sentence, and nothing is
written. Which states allow an action that is not a move (editing a draft, rechecking) lives on
the enum as a class method returning a frozenset (`ProposalState.editable()`).

Refusal sentences are keyed by the target state, or by a `(current, target)` pair where the
reason depends on where the record stands; the pair wins. They are never assembled from a state
label and a verb.
"""

from .errors import DomainError


class Transitions:
    """A workflow's transition table, checked by one function."""

    def __init__(self, table, *, refusals, error=DomainError):
        self.table = {state: frozenset(targets) for state, targets in table.items()}
        self.refusals = dict(refusals)
        self.error = error

    @property
    def states(self):
        return list(self.table)

    def allows(self, current, to):
        """True when a record in state `current` may move to `to`."""
        return to in self.table.get(current, frozenset())

    def next_states(self, current):
        """The states that may follow `current`, in the order of the table."""
        return [state for state in self.table if self.allows(current, state)]

    def sources(self, to):
        """The states from which a record may move to `to`."""
        return frozenset(state for state, targets in self.table.items() if to in targets)

    def refusal(self, current, to):
        """The whole sentence that explains why `current` may not move to `to`."""
        message = self.refusals.get((current, to)) or self.refusals.get(to)
        return message if message is not None else self.error.default_message

    def check(self, current, to):
        """Raise the workflow's error (one whole sentence) unless `current` may move to `to`. Reads only."""
        if not self.allows(current, to):
            raise self.error(self.refusal(current, to))
