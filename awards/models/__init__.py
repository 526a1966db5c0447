from .catalogue import Award, LegalParameter
from .council import CouncilSession, CouncilVote, Decision
from .history import AwardRecord, DisciplineCase, Initiative
from .proposal import Nominee, Proposal, ProposalDocument

__all__ = [
    "Award",
    "AwardRecord",
    "CouncilSession",
    "CouncilVote",
    "Decision",
    "DisciplineCase",
    "Initiative",
    "LegalParameter",
    "Nominee",
    "Proposal",
    "ProposalDocument",
]
