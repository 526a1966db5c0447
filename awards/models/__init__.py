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
    "Proposal",
    "ProposalDocument",
    "SessionAttendance",
    "SessionQuota",
]
