"""Demo data of the commendation types (issue 12, types): a special-achievement proposal that passes
with no history and one that fails for lacking its achievement summary, length-of-service nominees
passing and failing, and the thematic proposal of Nam Định's new-rural movement linked to the
movement's review. People, dates and the 25 years of service are SAMPLE DATA. Idempotent.
"""

from datetime import date
from decimal import Decimal

from directory.models import Person, Unit

from ..enums import CommendationType, ParameterKind, ProposalState
from ..models import LegalParameter, Nominee, Proposal
from . import catalogue
from .eligibility import refresh_eligibility

SAMPLE = "Dữ liệu mẫu (sample data)"
SPECIAL_PASSING = "Khen thưởng đột xuất: cứu hai cháu nhỏ bị đuối nước trên sông Đáy"
SPECIAL_FAILING = "Khen thưởng đột xuất: tham gia chữa cháy chợ Rồng (chưa có tóm tắt thành tích)"
SERVICE = "Khen thưởng theo niên hạn năm 2025 – Sở Giáo dục và Đào tạo"
SERVICE_YEARS = Decimal("25")  # SAMPLE: the province's own figure; the law gives none for this Bằng khen


def _person(full_name, unit, gender="male", position="Giáo viên"):
    person = Person.objects.filter(full_name=full_name, unit=unit).first()
    return person or Person.objects.create(full_name=full_name, unit=unit, gender=gender, position=position)


def _proposal(title, unit, commendation_type, nominees):
    """A draft proposal of 2025 with `nominees` [(person, award, fields)], made once."""
    if Proposal.objects.filter(title=title, unit=unit).exists():
        return []
    proposal = Proposal.objects.create(
        title=title, unit=unit, year=2025, state=ProposalState.DRAFT, commendation_type=commendation_type
    )
    return [
        Nominee.objects.create(proposal=proposal, award=award, person=person, year=2025, **fields)
        for person, award, fields in nominees
    ]


def seed_types(awards):
    """Load the commendation-type cases. Side effects: people, proposals, nominees and their checks,
    the sample years-of-service parameter; links the new-rural thematic proposal to its review."""
    education = Unit.objects.filter(code="NB-SGDDT").first()
    if education is None:
        return
    certificate = awards[catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL]
    LegalParameter.objects.get_or_create(
        kind=ParameterKind.SERVICE_YEARS,
        award=certificate,
        effective_from=date(2024, 1, 1),
        defaults={"value": SERVICE_YEARS, "legal_basis": SAMPLE},
    )
    tam = _person("Trần Văn Tâm", education, position="Giáo viên Trường THCS Ninh Phúc")
    khoa = _person("Ngô Đức Khoa", education, position="Nhân viên bảo vệ")
    thu = _person("Bùi Thị Thu", education, "female", "Giáo viên Trường THPT Hoa Lư A")
    binh = _person("Đặng Văn Bình", education, position="Chuyên viên")
    created = []
    created += _proposal(
        SPECIAL_PASSING,
        education,
        CommendationType.SPECIAL,
        [
            (
                tam,
                certificate,
                {
                    "achievement": "Dũng cảm lao xuống sông Đáy cứu hai học sinh lớp 6 bị đuối nước ngày 14/06/2025 "
                    f"({SAMPLE})."
                },
            )
        ],
    )
    created += _proposal(SPECIAL_FAILING, education, CommendationType.SPECIAL, [(khoa, certificate, {})])
    created += _proposal(
        SERVICE,
        education,
        CommendationType.SERVICE,
        [
            (
                thu,
                certificate,
                {"service_since_year": 1994, "achievement": f"31 năm công tác ngành giáo dục ({SAMPLE})."},
            ),
            (binh, certificate, {"service_since_year": 2012, "achievement": f"13 năm công tác ({SAMPLE})."}),
        ],
    )
    created += _link_thematic_review()
    if created:
        refresh_eligibility(
            nominees=Nominee.objects.filter(pk__in=[nominee.pk for nominee in created]).select_related(
                "award", "person", "unit", "proposal__movement_review__movement", "initiative"
            )
        )


def _link_thematic_review():
    """The Giao Phong thematic proposal names the review of its movement (once), so it passes its own rule."""
    # awards never imports movements (docs/conventions.md): the review model by the proposal's field.
    MovementReview = Proposal._meta.get_field("movement_review").related_model  # noqa: N806

    proposal = Proposal.objects.filter(
        commendation_type=CommendationType.THEMATIC, movement_review__isnull=True, unit__code="ND-XGIAOPHONG"
    ).first()
    review = MovementReview.objects.filter(movement__code="ND-NTM-2021").order_by("held_on", "pk").first()
    if proposal is None or review is None:
        return []
    proposal.movement_review = review
    proposal.save(update_fields=["movement_review", "search_text"])
    return list(proposal.nominees.all())
