"""The proposal workflow: transitions in order only, decisions once, bonuses exact."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.domain import AwardsError, catalogue, workflow
from awards.domain.council import record_vote
from awards.domain.decisions import decide, decision_docx
from awards.domain.documents import upload_document
from awards.models import AwardRecord
from tests.factories.awards import (
    AwardRecordFactory,
    CouncilSessionFactory,
    ProposalFactory,
    catalogue_award,
)
from tests.factories.directory import PersonFactory, UserFactory, rate
from tests.files import image

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% dossier\n"


def attach_all(proposal, user):
    for kind in ("cover_letter", "achievement_report", "vote_minutes", "evidence"):
        upload_document(proposal=proposal, kind=kind, uploaded_file=SimpleUploadedFile(f"{kind}.pdf", PDF), by=user)


@pytest.fixture
def user(db):
    return UserFactory(is_provincial_officer=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def proposal_at_notice(parameters, user, media):
    """A proposal with a Chiến sĩ thi đua cơ sở (voted) and a Lao động tiên tiến for the same person."""
    person = PersonFactory(full_name="Phạm Thị Lan")
    rate(person, 2025)  # completed duties excellently in 2025
    proposal = ProposalFactory(unit=person.unit, year=2025, title="Khen thưởng năm 2025")
    fighter = workflow.add_nominee(
        proposal=proposal,
        award=catalogue_award(catalogue.GRASSROOTS_FIGHTER),
        person=person,
        by=user,
    )
    advanced = workflow.add_nominee(
        proposal=proposal, award=catalogue_award(catalogue.ADVANCED_WORKER), person=person, by=user
    )
    attach_all(proposal, user)
    workflow.submit(proposal=proposal, by=user, today=date(2025, 12, 1))
    workflow.start_verification(proposal=proposal, by=user)
    workflow.send_to_council(proposal=proposal, by=user)
    record_vote(
        session=CouncilSessionFactory(member_count=10, present_count=9),
        nominee=fighter,
        in_favour=8,
        against=1,
        by=user,
    )
    workflow.publish_notice(proposal=proposal, until=date(2025, 12, 28), by=user, today=date(2025, 12, 21))
    proposal.refresh_from_db()
    return proposal, fighter, advanced


def test_full_workflow_writes_records_and_pays_only_the_highest_title(proposal_at_notice, user):
    proposal, fighter, advanced = proposal_at_notice

    decision = decide(
        proposal=proposal,
        number="125/QĐ-UBND",
        signed_on=date(2025, 12, 30),
        signer="Phạm Quang Ngọc",
        level="provincial",
        outcomes={fighter.pk: (True, ""), advanced.pk: (True, "")},
        by=user,
    )

    proposal.refresh_from_db()
    assert proposal.state == "decided"
    amounts = dict(AwardRecord.objects.filter(decision=decision).values_list("award__code", "amount"))
    assert amounts == {catalogue.GRASSROOTS_FIGHTER: Decimal("2340000"), catalogue.ADVANCED_WORKER: Decimal("0")}
    assert decision.total_amount == Decimal("2340000")


def test_nominee_cannot_be_decided_twice(proposal_at_notice, user):
    proposal, fighter, advanced = proposal_at_notice
    decide(
        proposal=proposal,
        number="1/QĐ",
        signed_on=date(2025, 12, 30),
        signer="A",
        level="provincial",
        outcomes={fighter.pk: (True, ""), advanced.pk: (False, "Trùng danh hiệu")},
        by=user,
    )

    with pytest.raises(AwardsError):
        decide(
            proposal=proposal,
            number="2/QĐ",
            signed_on=date(2025, 12, 31),
            signer="A",
            level="provincial",
            outcomes={fighter.pk: (True, "")},
            by=user,
        )
    assert AwardRecord.objects.count() == 1


def test_rejection_needs_a_reason(proposal_at_notice, user):
    proposal, fighter, advanced = proposal_at_notice

    with pytest.raises(AwardsError):
        decide(
            proposal=proposal,
            number="1/QĐ",
            signed_on=date(2025, 12, 30),
            signer="A",
            level="provincial",
            outcomes={fighter.pk: (True, ""), advanced.pk: (False, "")},
            by=user,
        )
    assert AwardRecord.objects.count() == 0


def test_decision_before_the_notice_ends_is_refused(proposal_at_notice, user):
    proposal, fighter, advanced = proposal_at_notice

    with pytest.raises(AwardsError):
        decide(
            proposal=proposal,
            number="1/QĐ",
            signed_on=date(2025, 12, 22),
            signer="A",
            level="provincial",
            outcomes={fighter.pk: (True, ""), advanced.pk: (True, "")},
            by=user,
        )


def test_decision_docx_lists_awardees_and_amounts(proposal_at_notice, user):
    from docx import Document

    proposal, fighter, advanced = proposal_at_notice
    decision = decide(
        proposal=proposal,
        number="125/QĐ-UBND",
        signed_on=date(2025, 12, 30),
        signer="Phạm Quang Ngọc",
        level="provincial",
        outcomes={fighter.pk: (True, ""), advanced.pk: (True, "")},
        by=user,
    )

    document = Document(io.BytesIO(decision_docx(decision)))

    # The header and the signature are two-column tables (Decree 30/2020): read their cells too;
    # the annex is the last table.
    in_tables = [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    text = "\n".join([paragraph.text for paragraph in document.paragraphs] + in_tables)
    cells = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert "Số: 125/QĐ-UBND" in text
    assert "Tổng số tiền thưởng: 2.340.000 đồng" in text
    assert ["1", "Phạm Thị Lan", fighter.person.unit.name, "Chiến sĩ thi đua cơ sở", "2.340.000", ""] in cells


def test_household_collects_one_and_a_half_times(parameters, user, media):
    person = PersonFactory()
    proposal = ProposalFactory(unit=person.unit, year=2025, state="public_notice")
    proposal.state = "draft"
    proposal.save()
    nominee = workflow.add_nominee(
        proposal=proposal, award=catalogue_award("GK-CN"), person=person, is_household=True, by=user
    )
    proposal.state = "public_notice"
    proposal.save()

    decision = decide(
        proposal=proposal,
        number="9/QĐ",
        signed_on=date(2025, 12, 30),
        signer="A",
        level="provincial",
        outcomes={nominee.pk: (True, "")},
        by=user,
    )

    # 0.3 x 2,340,000 x 1.5 = 1,053,000, rounded up
    assert decision.records.get().amount == Decimal("1060000")


def test_transitions_cannot_skip_or_go_back(parameters, user, media):
    proposal = ProposalFactory()
    with pytest.raises(AwardsError):
        workflow.send_to_council(proposal=proposal, by=user)
    with pytest.raises(AwardsError):
        workflow.forward(proposal=proposal, by=user)
    with pytest.raises(AwardsError):
        workflow.submit(proposal=proposal, by=user)  # no nominee yet

    workflow.add_nominee(proposal=proposal, award=catalogue_award("GK-CN"), person=PersonFactory(), by=user)
    attach_all(proposal, user)
    workflow.submit(proposal=proposal, by=user)
    with pytest.raises(AwardsError):
        workflow.submit(proposal=proposal, by=user)
    with pytest.raises(AwardsError):
        workflow.publish_notice(proposal=proposal, until=date(2100, 1, 1), by=user)
    proposal.refresh_from_db()
    assert proposal.state == "submitted"


def test_returned_dossier_can_be_completed_and_resubmitted(parameters, user, media):
    proposal = ProposalFactory()
    workflow.add_nominee(proposal=proposal, award=catalogue_award("GK-CN"), person=PersonFactory(), by=user)
    attach_all(proposal, user)
    workflow.submit(proposal=proposal, by=user)

    with pytest.raises(AwardsError):
        workflow.return_for_completion(proposal=proposal, reasons="  ", by=user)
    workflow.return_for_completion(proposal=proposal, reasons="Thiếu biên bản họp", by=user)
    workflow.submit(proposal=proposal, by=user)

    proposal.refresh_from_db()
    assert proposal.state == "submitted"


def test_submit_lists_missing_documents(parameters, user):
    proposal = ProposalFactory()
    workflow.add_nominee(
        proposal=proposal, award=catalogue_award(catalogue.GRASSROOTS_FIGHTER), person=PersonFactory(), by=user
    )

    with pytest.raises(AwardsError) as error:
        workflow.submit(proposal=proposal, by=user)

    assert str(error.value) == "Hồ sơ còn thiếu: Tờ trình, Báo cáo thành tích, Biên bản bình xét."


def test_nominee_cannot_be_proposed_twice_for_the_same_award_and_year(parameters, user):
    person = PersonFactory()
    workflow.add_nominee(proposal=ProposalFactory(year=2025), award=catalogue_award("GK-CN"), person=person, by=user)

    with pytest.raises(AwardsError):
        workflow.add_nominee(
            proposal=ProposalFactory(year=2025), award=catalogue_award("GK-CN"), person=person, by=user
        )


def test_council_refuses_votes_without_quorum(parameters, user):
    proposal = ProposalFactory(state="at_council")
    nominee = proposal.nominees.create(
        person=PersonFactory(), award=catalogue_award(catalogue.PROVINCIAL_FIGHTER), year=proposal.year
    )

    with pytest.raises(AwardsError) as error:
        record_vote(
            session=CouncilSessionFactory(member_count=10, present_count=7),
            nominee=nominee,
            in_favour=7,
            against=0,
            written_in_favour=3,
            by=user,
        )

    assert "7" in str(error.value)


def test_council_vote_uses_the_high_threshold_for_provincial_fighters(parameters, user):
    proposal = ProposalFactory(state="at_council")
    person_a, person_b = PersonFactory(), PersonFactory()
    award = catalogue_award(catalogue.PROVINCIAL_FIGHTER)
    at_90 = proposal.nominees.create(person=person_a, award=award, year=proposal.year)
    below = proposal.nominees.create(person=person_b, award=award, year=proposal.year)
    session = CouncilSessionFactory(member_count=10, present_count=8)

    passed = record_vote(session=session, nominee=at_90, in_favour=8, against=0, written_in_favour=1, by=user)
    failed = record_vote(session=session, nominee=below, in_favour=8, against=0, written_against=2, by=user)

    assert (passed.is_passed, passed.threshold, passed.share) == (True, Decimal("90.00"), Decimal("90.00"))
    assert (failed.is_passed, failed.share) == (False, Decimal("80.00"))
    with pytest.raises(AwardsError):
        record_vote(session=session, nominee=at_90, in_favour=8, against=0, by=user)


@pytest.mark.parametrize(
    ("content", "accepted"),
    [
        (PDF, True),
        (image("PNG"), True),
        (image("JPEG"), True),
        (b"\x89PNG\r\n\x1a\n....", False),  # a PNG signature on something Pillow cannot read
        (b"MZ\x90\x00 exe", False),
        (b"PK\x03\x04 not a zip", False),
        (b"<html>", False),
    ],
)
def test_upload_is_checked_by_content(parameters, user, media, content, accepted):
    proposal = ProposalFactory()
    upload = SimpleUploadedFile("ho-so.pdf", content)

    if accepted:
        document = upload_document(proposal=proposal, kind="evidence", uploaded_file=upload, by=user)
        assert document.size == len(content)
    else:
        with pytest.raises(AwardsError):
            upload_document(proposal=proposal, kind="evidence", uploaded_file=upload, by=user)


def test_upload_over_the_limit_is_refused(parameters, user, media, settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(AwardsError):
        upload_document(
            proposal=ProposalFactory(), kind="evidence", uploaded_file=SimpleUploadedFile("a.pdf", PDF), by=user
        )


def test_override_needs_a_reason_and_is_recorded(parameters, user):
    person = PersonFactory()
    AwardRecordFactory(person=person, year=2025)
    proposal = ProposalFactory()
    nominee = workflow.add_nominee(
        proposal=proposal, award=catalogue_award(catalogue.PROVINCIAL_FIGHTER), person=person, by=user
    )
    assert nominee.eligibility_status == "failed"

    with pytest.raises(AwardsError):
        workflow.override_eligibility(nominee=nominee, reason="", by=user)
    workflow.override_eligibility(nominee=nominee, reason="Thành tích đặc biệt xuất sắc", by=user)

    nominee.refresh_from_db()
    assert (nominee.override_reason, nominee.overridden_by, nominee.may_be_approved) == (
        "Thành tích đặc biệt xuất sắc",
        user,
        True,
    )


def test_cluster_term_nominations_become_a_draft_proposal(parameters, user):
    from clusters.models import Cluster, Nomination, Term
    from tests.factories.directory import UnitFactory

    lead, leader, certified = UnitFactory(), UnitFactory(), UnitFactory()
    term = Term.objects.create(
        cluster=Cluster.objects.create(kind="bloc", name="Khối các sở"), year=2025, lead_unit=lead
    )
    Nomination.objects.create(term=term, unit=leader, kind="flag", rank=1)
    Nomination.objects.create(term=term, unit=certified, kind="certificate", rank=2)
    catalogue_award(catalogue.PROVINCIAL_FLAG)
    catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE)

    proposal = workflow.propose_from_term(term=term, by=user)

    assert (proposal.unit, proposal.cluster_term, proposal.state) == (lead, term, "draft")
    nominees = {(nominee.unit, nominee.award.code, nominee.eligibility_status) for nominee in proposal.nominees.all()}
    assert nominees == {
        (leader, catalogue.PROVINCIAL_FLAG, "passed"),
        (certified, catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE, "failed"),
    }
    with pytest.raises(AwardsError):
        workflow.propose_from_term(term=term, by=user)


def test_a_bonus_larger_than_its_column_is_refused_and_nothing_is_written(proposal_at_notice, user):
    from awards.enums import ParameterKind
    from awards.models import Decision, LegalParameter

    proposal, fighter, advanced = proposal_at_notice
    LegalParameter.objects.create(
        kind=ParameterKind.BASE_SALARY, value=Decimal("9999999999"), effective_from=date(2025, 12, 29)
    )
    LegalParameter.objects.create(
        kind=ParameterKind.COEFFICIENT,
        award=fighter.award,
        value=Decimal("9999999999"),
        effective_from=date(2025, 12, 29),
    )

    with pytest.raises(AwardsError, match="kiểm tra các tham số"):
        decide(
            proposal=proposal,
            number="9/QĐ",
            signed_on=date(2025, 12, 30),
            signer="A",
            level="provincial",
            outcomes={fighter.pk: (True, ""), advanced.pk: (False, "Trùng danh hiệu")},
            by=user,
        )
    assert not Decision.objects.exists()
    assert not AwardRecord.objects.exists()
