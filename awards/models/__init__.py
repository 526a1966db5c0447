from .catalogue import Award, LegalParameter
from .council import (
    CouncilMember,
    CouncilPosition,
    CouncilSession,
    CouncilVote,
    Decision,
    SessionAttendance,
    SessionQuota,
)
from .history import AwardRecord, DisciplineCase, Initiative
from .proposal import Nominee, Proposal, ProposalDocument
from .upward import UpwardPackage  # issue 16, upward

__all__ = [
    "Award",
    "AwardRecord",
    "CouncilMember",
    "CouncilPosition",
    "CouncilSession",
    "CouncilVote",
    "Decision",
    "DisciplineCase",
    "Initiative",
    "LegalParameter",
    "Nominee",
    "Proposal",
    "ProposalDocument",
    "SessionAttendance",
    "SessionQuota",
    "UpwardPackage",
]
