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
from .public import NoticeComment, NoticeEntry, PublicNotice  # issue 16, public

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
    "NoticeComment",
    "NoticeEntry",
    "Proposal",
    "ProposalDocument",
    "PublicNotice",
    "SessionAttendance",
    "SessionQuota",
]
