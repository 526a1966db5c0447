from .catalogue import Award, LegalParameter
from .certificates import CertificateLayout, IssuedCertificate  # issue 15, certificates
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
from .upward import UpwardPackage  # issue 16, upward

__all__ = [
    "Award",
    "AwardRecord",
    "CertificateLayout",
    "CouncilMember",
    "CouncilPosition",
    "CouncilSession",
    "CouncilVote",
    "Decision",
    "DisciplineCase",
    "Initiative",
    "IssuedCertificate",
    "LegalParameter",
    "Nominee",
    "NoticeComment",
    "NoticeEntry",
    "Proposal",
    "ProposalDocument",
    "PublicNotice",
    "SessionAttendance",
    "SessionQuota",
    "UpwardPackage",
]
