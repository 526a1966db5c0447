"""History as people read it: local times dd/mm/yyyy HH:mm, amounts grouped, years as written, yes/no,
choices by label; rows deleted since still listed in their parent's history."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from awards.models import AwardRecord, CouncilVote, Decision, Proposal
from portal.audit import acting_as, because, display_value, history_for, log_created
from tests.factories.awards import CouncilSessionFactory, NomineeFactory, ProposalFactory, catalogue_award


def field(model, name):
    return model._meta.get_field(name)


def test_values_are_shown_the_way_people_read_them():
    # Stored UTC 19:42 is 02:42 the next day in Hà Nội (UTC+7).
    assert display_value(field(Decision, "created_at"), "2026-12-01 19:42:32.084050") == "02/12/2026 02:42"
    assert display_value(field(Decision, "created_at"), "2026-12-01 19:42:32.084050+00:00") == "02/12/2026 02:42"
    assert display_value(field(Decision, "signed_on"), "2026-01-15") == "15/01/2026"
    assert display_value(field(Decision, "total_amount"), "12340000") == "12.340.000"
    assert display_value(field(CouncilVote, "share"), "85.50") == "85,5"
    assert display_value(field(Proposal, "year"), "2023") == "2023"
    assert display_value(field(CouncilVote, "is_passed"), "True") == "có"
    assert display_value(field(CouncilVote, "is_passed"), "False") == "không"
    assert display_value(field(Proposal, "state"), "returned") == "Trả lại để bổ sung"
    assert display_value(field(Proposal, "deadline"), None) == "—"


@pytest.mark.django_db
def test_a_history_shows_local_times_grouped_amounts_and_ungrouped_years(officer, client_as):
    proposal = ProposalFactory(year=2023)
    decision = Decision.objects.create(
        proposal=proposal,
        number="12/QĐ",
        signed_on=date(2023, 12, 30),
        signer="Chủ tịch",
        base_salary=Decimal(2340000),
        created_by=officer,
    )

    created = history_for(decision)[0]

    changes = {change.label: change.after for change in created.changes}
    assert changes["mức lương cơ sở áp dụng"] == "2.340.000"
    assert changes["ngày ký"] == "30/12/2023"
    assert "ngày tạo" not in changes  # created_at is not audited
    proposal_row = history_for(proposal)[0]
    assert {change.label: change.after for change in proposal_row.changes}["năm"] == "2023"

    page = client_as(officer).get(f"/awards/proposals/{proposal.pk}/").content.decode()
    assert "2.023" not in page
    assert timezone.localtime(proposal_row.timestamp).strftime("%d/%m/%Y %H:%M") in page  # local, dd/mm/yyyy HH:mm


@pytest.mark.django_db
def test_deleted_child_rows_stay_in_their_parents_history(officer):
    nominee = NomineeFactory()
    proposal = nominee.proposal
    with acting_as(officer), because("Nhầm người"):
        nominee.delete()

    rows = history_for(proposal, children=[proposal.nominees.all()])

    deleted = [row for row in rows if row.subject and row.action == "xóa"]
    created = [row for row in rows if row.subject and row.action == "tạo mới"]
    assert len(deleted) == 1 and len(created) == 1
    assert deleted[0].reason == "Nhầm người" and deleted[0].actor == officer
    assert deleted[0].subject == str(nominee)


@pytest.mark.django_db
def test_the_history_of_a_record_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    proposal = ProposalFactory()
    for _ in range(5):
        NomineeFactory(proposal=proposal).delete()
    NomineeFactory(proposal=proposal)

    with django_assert_max_num_queries(8):
        few = history_for(proposal, children=[proposal.nominees.all(), proposal.documents.all()])
    for _ in range(10):
        NomineeFactory(proposal=proposal).delete()
    with django_assert_max_num_queries(8):
        many = history_for(proposal, children=[proposal.nominees.all(), proposal.documents.all()])

    assert len(many) > len(few)


@pytest.mark.django_db
def test_rows_inserted_in_bulk_get_one_created_entry_each(officer):
    award = catalogue_award("CSTDCS")
    records = AwardRecord.objects.bulk_create(
        [AwardRecord(recipient_name=f"Người {n}", award=award, year=2019, source="import") for n in range(3)]
    )

    assert log_created(records, actor=officer) == 3

    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(AwardRecord))
    assert entries.count() == 3
    assert {entry.actor for entry in entries} == {officer}
    row = history_for(records[0])[0]
    assert {change.label: change.after for change in row.changes}["năm"] == "2019"


@pytest.mark.django_db
def test_votes_are_in_the_sessions_history_with_before_and_after(officer):
    session = CouncilSessionFactory()
    nominee = NomineeFactory()
    vote = CouncilVote.objects.create(
        session=session, nominee=nominee, in_favour=7, against=2, threshold=80, share=70, is_passed=False
    )
    with acting_as(officer), because("Đếm nhầm phiếu"):
        vote.in_favour, vote.share, vote.is_passed = 8, Decimal(80), True
        vote.save()

    latest = history_for(session, children=[CouncilVote.objects.filter(session=session)])[0]

    changes = {change.label: (change.before, change.after) for change in latest.changes}
    assert changes["đồng ý (tại phiên họp)"] == ("7", "8")
    assert changes["đạt"] == ("không", "có")
    assert latest.reason == "Đếm nhầm phiếu"
