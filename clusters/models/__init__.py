from .cluster import Cluster, ClusterMember, DeciderChoice, Nomination, NominationKind, Term, TermMember, VoteRound
from .scoring import Ballot, Criterion, CriterionGroup, Phase, Score, Sheet

__all__ = [
    "Ballot",
    "Cluster",
    "ClusterMember",
    "DeciderChoice",
    "Criterion",
    "CriterionGroup",
    "Nomination",
    "NominationKind",
    "Phase",
    "Score",
    "Sheet",
    "Term",
    "TermMember",
    "VoteRound",
]
