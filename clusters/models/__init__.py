from .cluster import Cluster, Nomination, NominationKind, Term, TermMember

__all__ = ["Cluster", "Nomination", "NominationKind", "Term", "TermMember"]
