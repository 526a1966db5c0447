from .cluster import Cluster, Term, TermMember

__all__ = ["Cluster", "Term", "TermMember"]
