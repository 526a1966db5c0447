from .cluster import Cluster, Nomination, NominationKind, Term, TermMember
from .scoring import Ballot, Criterion, CriterionGroup, Phase, Score, Sheet

__all__ = [
    "Ballot",
    "Cluster",
    "Criterion",
    "CriterionGroup",
    "Nomination",
    "NominationKind",
    "Phase",
    "Score",
    "Sheet",
    "Term",
    "TermMember",
]
