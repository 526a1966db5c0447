"""Each workflow event that needs someone to act reaches the right people, and no one else: a message
in their inbox, and an e-mail (in-process Celery task, Django's locmem outbox) for those with an
address who keep e-mail on for that kind. Only the mail backend stands in for the outside world."""

from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from awards.domain import catalogue, workflow
from awards.domain.council import record_vote
from awards.domain.decisions import decide
from awards.domain.documents import upload_document
from clusters.domain import phases, scoring
from clusters.domain.reminders import send_sheet_reminders
from clusters.domain.scoring import Entry
from clusters.enums import PhaseKind, SheetStatus
from clusters.models import Phase, Sheet
from portal.models import Notification, NotificationPreference
from portal.notifications import NotificationKind, notify
from reports.domain.member_reports import return_report, submit_report
from tests.factories import UserFactory
from tests.factories.awards import CouncilSessionFactory, ProposalFactory, catalogue_award, legal_parameters
from tests.factories.clusters import scored_term
from tests.factories.directory import PersonFactory, UnitFactory, rate
from tests.factories.reports import IndicatorFactory, MemberReportFactory, term_with_members

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% dossier\n"


class Told:
    """What one block wrote: inbox rows (by username, per kind) and e-mails (by address)."""

    def __init__(self, rows, messages):
        self.rows = rows
        self.messages = messages

    def inbox(self, kind=None):
        return sorted(row.recipient.username for row in self.rows if kind is None or row.kind == kind)

    def kinds(self):
        return {row.kind for row in self.rows}

    def mailed(self):
        return sorted(address for message in self.messages for address in message.to)


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Run the block (its after-commit callbacks too) and return what it told whom."""

    @contextmanager
    def capture():
        mail.outbox.clear()
        last = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        result = Told([], [])
        with django_capture_on_commit_callbacks(execute=True):
            yield result
        result.rows = list(Notification.objects.filter(pk__gt=last).select_related("recipient"))
        result.messages = list(mail.outbox)

    return capture


def person(username, unit=None, *, email=True, **roles):
    return UserFactory(
        username=username,
        unit=unit or UnitFactory(),
        email=f"{username}@example.vn" if email else "",
        **roles,
    )


@pytest.fixture
def people(db):
    """The office (two officers, one without an address, one inactive), the council, a proposing unit's
    officers (one without an address, one inactive), another unit's officer and someone without a role."""
    office, unit, other = UnitFactory(name="Sở Nội vụ"), UnitFactory(name="Sở Y tế"), UnitFactory(name="Sở Tài chính")
    return {
        "unit": unit,
        "other": other,
        "users": [
            person("vanphong", office, is_provincial_officer=True),
            person("vanphong_khongthu", office, email=False, is_provincial_officer=True),
            person("vanphong_nghi", office, is_provincial_officer=True, is_active=False),
            person("hoidong", office, is_council_member=True),
            person("donvi", unit, is_unit_officer=True),
            person("donvi_khongthu", unit, email=False, is_unit_officer=True),
            person("donvi_nghi", unit, is_unit_officer=True, is_active=False),
            person("donvi_thuong", unit),  # of the unit, not its officer
            person("donvi_khac", other, is_unit_officer=True),
        ],
    }


OFFICE = ["vanphong", "vanphong_khongthu"]
UNIT = ["donvi", "donvi_khongthu"]


def attach_all(proposal, user):
    for kind in ("cover_letter", "achievement_report", "vote_minutes", "evidence"):
        upload_document(proposal=proposal, kind=kind, uploaded_file=SimpleUploadedFile(f"{kind}.pdf", PDF), by=user)


@pytest.fixture
def dossier(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    legal_parameters()
    officer = people["users"][0]
    proposal = ProposalFactory(unit=people["unit"], year=2025, title="Khen thưởng Sở Y tế năm 2025")
    nominated = PersonFactory(unit=people["unit"])
    rate(nominated, 2025)  # completed duties excellently in 2025
    fighter = workflow.add_nominee(
        proposal=proposal,
        award=catalogue_award(catalogue.GRASSROOTS_FIGHTER),
        person=nominated,
        by=officer,
    )
    advanced = workflow.add_nominee(
        proposal=proposal, award=catalogue_award(catalogue.ADVANCED_WORKER), person=nominated, by=officer
    )
    attach_all(proposal, officer)
    return proposal, (fighter, advanced), officer


def test_a_dossier_s_steps_tell_the_office_then_the_proposing_unit(dossier, told):
    proposal, (fighter, advanced), officer = dossier

    with told() as submitted:
        workflow.submit(proposal=proposal, by=officer, today=date(2025, 12, 1))
    with told() as returned:
        workflow.return_for_completion(proposal=proposal, reasons="Thiếu biên bản họp bình xét.", by=officer)
    workflow.submit(proposal=proposal, by=officer, today=date(2025, 12, 2))
    workflow.start_verification(proposal=proposal, by=officer)
    with told() as verified:
        workflow.send_to_council(proposal=proposal, by=officer)
    record_vote(
        session=CouncilSessionFactory(member_count=10, present_count=9),
        nominee=fighter,
        in_favour=9,
        against=0,
        by=officer,
    )
    workflow.publish_notice(proposal=proposal, until=date(2025, 12, 28), by=officer, today=date(2025, 12, 21))
    with told() as decided:
        decide(
            proposal=proposal,
            number="125/QĐ-UBND",
            signed_on=date(2025, 12, 30),
            signer="Phạm Quang Ngọc",
            level="provincial",
            outcomes={fighter.pk: (True, ""), advanced.pk: (True, "")},
            by=officer,
        )

    link = f"/awards/proposals/{proposal.pk}/"
    assert submitted.inbox(NotificationKind.DOSSIER_SUBMITTED) == OFFICE == submitted.inbox()
    assert submitted.mailed() == ["vanphong@example.vn"]
    assert "Sở Y tế đã gửi hồ sơ đề nghị" in submitted.messages[0].body and link in submitted.messages[0].body
    assert returned.inbox(NotificationKind.DOSSIER_RETURNED) == UNIT == returned.inbox()
    assert returned.mailed() == ["donvi@example.vn"]
    assert "Lý do: Thiếu biên bản họp bình xét." in returned.rows[0].body
    assert returned.rows[0].link == link
    assert verified.inbox(NotificationKind.DOSSIER_VERIFIED) == UNIT == verified.inbox()
    assert verified.mailed() == ["donvi@example.vn"]
    assert decided.inbox(NotificationKind.DOSSIER_DECIDED) == UNIT == decided.inbox()
    assert decided.mailed() == ["donvi@example.vn"]
    assert "Quyết định số 125/QĐ-UBND ngày 30/12/2025" in decided.messages[0].body


def test_a_refused_step_tells_no_one(dossier, told):
    proposal, _nominees, officer = dossier

    with told() as refused, pytest.raises(workflow.AwardsError):
        workflow.send_to_council(proposal=proposal, by=officer)  # still a draft

    assert refused.rows == [] and refused.messages == []


def test_a_council_session_recorded_tells_the_council_members(people, told, client_as):
    officer = people["users"][0]

    with told() as scheduled:
        response = client_as(officer).post(
            "/awards/council/new/", {"held_on": "20/12/2025", "member_count": "9", "present_count": "8"}
        )

    assert response.status_code == 302
    assert scheduled.inbox(NotificationKind.COUNCIL_SCHEDULED) == ["hoidong"] == scheduled.inbox()
    assert scheduled.mailed() == ["hoidong@example.vn"]
    assert scheduled.messages[0].subject == "Hội đồng Thi đua - Khen thưởng họp ngày 20/12/2025"


# ---------------------------------------------------------------------------
# Clusters and blocs
# ---------------------------------------------------------------------------
def officers_for(term, names):
    return {
        index: person(name, unit, is_unit_officer=True)
        for index, (unit, name) in enumerate(zip(term.unit_list, names, strict=False))
    }


@pytest.fixture
def term(db):
    term = scored_term(members=3, criteria=1, phase=PhaseKind.COMPACT)
    term.people = officers_for(term, ["truong", "hai", "ba"])
    person("ngoai", UnitFactory(), is_unit_officer=True)  # a unit outside the term
    return term


def test_opening_a_phase_tells_the_term_s_member_units(term, told):
    Sheet.objects.filter(term=term).delete()

    with told() as opened:
        phases.enter_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT)

    assert opened.inbox(NotificationKind.PHASE_OPENED) == ["ba", "hai", "truong"] == opened.inbox()
    assert opened.mailed() == ["ba@example.vn", "hai@example.vn", "truong@example.vn"]


def test_a_phase_closing_soon_reminds_the_members_that_have_not_submitted(term, told):
    phases.enter_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT)
    phase = Phase.objects.get(term=term, kind=PhaseKind.SELF_ASSESSMENT)
    Sheet.objects.filter(term=term, unit=term.unit_list[1]).update(status=SheetStatus.SUBMITTED)

    with told() as closing:
        count = send_sheet_reminders(today=phase.ends_on - timedelta(days=3))

    assert closing.inbox(NotificationKind.PHASE_CLOSING) == ["ba", "truong"] == closing.inbox()
    assert closing.mailed() == ["ba@example.vn", "truong@example.vn"]
    assert count == 2  # the people told, as the reminder's feedback says


def test_a_sheet_submitted_tells_the_term_s_lead_then_returned_and_accepted_tell_its_member(told):
    term = scored_term(members=3, criteria=1, points={})
    term.people = officers_for(term, ["truong", "hai", "ba"])
    sheet = Sheet.objects.get(term=term, unit=term.unit_list[2])
    criterion = term.criterion_list[0]

    with told() as submitted:
        scoring.save_sheet(
            sheet=sheet, version=1, entries={criterion.pk: Entry(Decimal(5))}, by=term.people[2], submit=True
        )
    Phase.objects.filter(term=term).update(is_active=False)
    Phase.objects.filter(term=term, kind=PhaseKind.REVIEW).update(is_active=True)
    sheet.refresh_from_db()
    with told() as returned:
        scoring.review_sheet(
            sheet=sheet,
            version=sheet.version,
            adjustments={},
            by=term.people[0],
            action="return",
            return_reason="Thiếu minh chứng.",
        )
    Sheet.objects.filter(pk=sheet.pk).update(status=SheetStatus.SUBMITTED)
    sheet.refresh_from_db()
    with told() as accepted:
        scoring.review_sheet(sheet=sheet, version=sheet.version, adjustments={}, by=term.people[0], action="accept")

    assert submitted.inbox(NotificationKind.SHEET_SUBMITTED) == ["truong"] == submitted.inbox()
    assert submitted.mailed() == ["truong@example.vn"]
    assert returned.inbox(NotificationKind.SHEET_RETURNED) == ["ba"] == returned.inbox()
    assert returned.mailed() == ["ba@example.vn"] and "Lý do: Thiếu minh chứng." in returned.rows[0].body
    assert accepted.inbox(NotificationKind.SHEET_ACCEPTED) == ["ba"] == accepted.inbox()
    assert accepted.mailed() == ["ba@example.vn"]
    assert accepted.rows[0].link == f"/clusters/sheets/{sheet.pk}/"


# ---------------------------------------------------------------------------
# Member reports
# ---------------------------------------------------------------------------
def test_a_report_submitted_tells_the_lead_s_unit_and_returned_tells_its_member(told):
    lead_unit, member_unit, other_unit = UnitFactory(), UnitFactory(), UnitFactory()
    term = term_with_members(lead=lead_unit, members=[member_unit, other_unit])
    lead = person("cumtruong", lead_unit, is_unit_officer=True)
    member = person("thanhvien", member_unit, is_unit_officer=True)
    person("khac", other_unit, is_unit_officer=True)
    person("vanphong", UnitFactory(), is_provincial_officer=True)
    report = MemberReportFactory(term=term, unit=member_unit)
    report.values.create(indicator=IndicatorFactory(), value=Decimal("8"))

    with told() as submitted:
        submit_report(report=report, by=member)
    with told() as returned:
        return_report(report=report, by=lead, reason="Thiếu số liệu quý II.")

    assert submitted.inbox(NotificationKind.REPORT_SUBMITTED) == ["cumtruong"] == submitted.inbox()
    assert submitted.mailed() == ["cumtruong@example.vn"]
    assert returned.inbox(NotificationKind.REPORT_RETURNED) == ["thanhvien"] == returned.inbox()
    assert returned.mailed() == ["thanhvien@example.vn"]
    assert "Thiếu số liệu quý II." in returned.rows[0].body
    assert returned.rows[0].link == f"/reports/{report.pk}/"


# ---------------------------------------------------------------------------
# notify itself
# ---------------------------------------------------------------------------
def test_turning_e_mail_off_for_a_kind_keeps_the_inbox_and_other_kinds(people, told):
    unit = people["unit"]
    donvi = next(user for user in people["users"] if user.username == "donvi")
    NotificationPreference.objects.create(user=donvi, kind=NotificationKind.DOSSIER_RETURNED, email=False)

    with told() as off:
        notify(kind=NotificationKind.DOSSIER_RETURNED, units=[unit], subject="Trả lại", body="Lý do")
    with told() as other_kind:
        notify(kind=NotificationKind.DOSSIER_DECIDED, units=[unit], subject="Quyết định", body="Đã quyết định")

    assert off.inbox() == UNIT and off.mailed() == []
    assert other_kind.inbox() == UNIT and other_kind.mailed() == ["donvi@example.vn"]


def test_notify_counts_people_once_and_writes_one_e_mail_per_address(people, told):
    users = {user.username: user for user in people["users"]}

    with told() as both:
        count = notify(
            kind=NotificationKind.OTHER,
            units=[people["unit"], people["unit"].pk, None],
            users=[users["donvi"], users["vanphong"], users["vanphong_nghi"], None],
            subject="Tiêu đề\ncó xuống dòng",
            body="Nội dung",
            link="/awards/",
        )

    assert count == 3 == len(both.rows)
    assert both.inbox() == ["donvi", "donvi_khongthu", "vanphong"]
    assert both.mailed() == ["donvi@example.vn", "vanphong@example.vn"]
    assert all(len(message.to) == 1 for message in both.messages)
    assert both.messages[0].subject == "Tiêu đề có xuống dòng"
    assert both.rows[0].is_unread and both.rows[0].link == "/awards/"
    assert notify(units=[], users=[], subject="x", body="y") == 0


def test_an_action_rolled_back_leaves_no_inbox_message_and_sends_nothing(people, told):
    with told() as rolled_back, pytest.raises(RuntimeError), transaction.atomic():
        notify(kind=NotificationKind.OTHER, units=[people["unit"]], subject="x", body="y")
        raise RuntimeError

    assert rolled_back.rows == [] and rolled_back.messages == []


def test_a_mail_error_is_logged_and_the_inbox_message_stays(people, told, settings, caplog):
    settings.EMAIL_BACKEND = "tests.clusters.test_notifications.BrokenBackend"

    with told() as broken:
        count = notify(kind=NotificationKind.OTHER, units=[people["unit"]], subject="x", body="y")

    assert count == 2 and broken.inbox() == UNIT
    assert "notification not sent" in caplog.text
