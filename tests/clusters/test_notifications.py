"""Whoever must act next is emailed (in Vietnamese, after commit, never breaking the action): the
members when the self-assessment, the vote or its round 2 opens and when the results lock; a sheet's
reviewer when it is submitted; its member when it is returned; the lead and deputy after two undecided
rounds; the lead when an officer reopens; the office when the lead reopens scoring. The outside world
is replaced only at the mail backend (Django's locmem outbox)."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import translation

from clusters.domain import criteria, phases, scoring, vote
from clusters.domain.scoring import Entry
from clusters.enums import ClusterKind, PhaseKind, SheetStatus
from clusters.models import Sheet, Term
from portal.notifications import notify
from tests.factories import UserFactory
from tests.factories.clusters import scored_term


class BrokenBackend(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the block, its after-commit callbacks included; return the emails it sent."""

    class Capture:
        def __enter__(self):
            mail.outbox.clear()
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.capture.__enter__()
            return self

        def __exit__(self, *exc):
            self.capture.__exit__(*exc)
            self.messages = list(mail.outbox)
            return False

        def to(self):
            return sorted(address for message in self.messages for address in message.to)

    return Capture


def officers_of(term, emails):
    """An officer with an address for each unit of the term (index -> user), in unit order."""
    return {
        index: UserFactory(unit=unit, is_unit_officer=True, email=f"{email}@example.vn")
        for index, (unit, email) in enumerate(zip(term.unit_list, emails, strict=False))
    }


def make_term(kind=ClusterKind.BLOC, phase=PhaseKind.SELF_ASSESSMENT, **kwargs):
    term = scored_term(members=4, criteria=1, phase=phase, **kwargs)
    term.cluster.kind = kind
    term.cluster.name = "Khối các sở" if kind == ClusterKind.BLOC else "Cụm các huyện"
    term.cluster.save()
    term.deputy_unit = term.unit_list[1]
    term.save()
    term.people = officers_of(term, ["truong", "pho", "ba", "bon"])
    return term


@pytest.mark.django_db
def test_opening_the_self_assessment_tells_every_member_once(sent):
    term = make_term(phase=PhaseKind.COMPACT)
    Sheet.objects.filter(term=term).delete()
    UserFactory(unit=term.unit_list[2], is_unit_officer=True, email="")  # no address: not written to
    UserFactory(unit=term.unit_list[3], is_unit_officer=True, email="nghi@example.vn", is_active=False)

    with sent() as first:
        phases.enter_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT)
    with sent() as again:
        phases.enter_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT)

    assert first.to() == ["ba@example.vn", "bon@example.vn", "pho@example.vn", "truong@example.vn"]
    assert all(len(message.to) == 1 for message in first.messages)  # nobody sees the others' addresses
    message = first.messages[0]
    assert message.subject == f"Đã mở tự chấm điểm {term}"
    assert "đề nghị đơn vị điền phiếu chấm điểm" in message.body
    assert f"/clusters/terms/{term.pk}/" in message.body
    assert again.messages == []


@pytest.mark.django_db
def test_a_submitted_sheet_goes_to_its_reviewer_in_the_kind_s_words(sent):
    term = make_term(points={})
    member_sheet, lead_sheet = Sheet.objects.get(term=term, unit=term.unit_list[2]), term.sheet_list[0]
    criterion = term.criterion_list[0]

    with sent() as to_lead:
        scoring.save_sheet(
            sheet=member_sheet, version=1, entries={criterion.pk: Entry(Decimal(5))}, by=term.people[2], submit=True
        )
    with sent() as to_deputy:
        scoring.save_sheet(
            sheet=lead_sheet, version=1, entries={criterion.pk: Entry(Decimal(5))}, by=term.people[0], submit=True
        )

    assert to_lead.to() == ["truong@example.vn"]
    assert "Khối trưởng" in to_lead.messages[0].body and "Cụm" not in to_lead.messages[0].body
    assert f"/clusters/sheets/{member_sheet.pk}/review/" in to_lead.messages[0].body
    assert to_deputy.to() == ["pho@example.vn"]
    assert "Khối phó thẩm định" in to_deputy.messages[0].body


@pytest.mark.django_db
def test_the_lead_s_own_sheet_goes_to_the_office_without_a_deputy(sent, officer):
    term = make_term(kind=ClusterKind.CLUSTER, points={})
    Term.objects.filter(pk=term.pk).update(deputy_unit=None)
    officer.email = "vanphong@example.vn"
    officer.save()
    sheet = Sheet.objects.select_related("term__cluster").get(pk=term.sheet_list[0].pk)

    with sent() as mails:
        scoring.save_sheet(
            sheet=sheet,
            version=1,
            entries={term.criterion_list[0].pk: Entry(Decimal(5))},
            by=term.people[0],
            submit=True,
        )

    assert mails.to() == ["vanphong@example.vn"]
    assert "Cụm trưởng" in mails.messages[0].body


@pytest.mark.django_db
def test_a_returned_sheet_tells_its_member_with_the_reason(sent):
    term = make_term(phase=PhaseKind.REVIEW, points={2: [Decimal(5)]})
    Sheet.objects.filter(pk=term.sheet_list[2].pk).update(status=SheetStatus.SUBMITTED)
    sheet = Sheet.objects.get(pk=term.sheet_list[2].pk)

    with sent() as accepted_elsewhere:
        pass
    with sent() as returned:
        scoring.review_sheet(
            sheet=sheet,
            version=sheet.version,
            adjustments={},
            by=term.people[0],
            action="return",
            return_reason="Thiếu minh chứng tiêu chí 1.",
        )

    assert accepted_elsewhere.messages == []
    assert returned.to() == ["ba@example.vn"]
    assert "Lý do: Thiếu minh chứng tiêu chí 1." in returned.messages[0].body


def cast(term, units, choices):
    term = Term.objects.get(pk=term.pk)
    for voter, choice in zip(units, choices, strict=True):
        vote.cast_ballot(term=term, voter_unit=voter, choice_unit_id=units[choice].pk, by=None)


@pytest.mark.django_db
def test_the_vote_tells_the_voters_then_the_lead_and_deputy_then_the_members(sent):
    term = make_term(phase=PhaseKind.REVIEW, points={i: [Decimal(10 - i)] for i in range(4)})
    units = term.unit_list

    with sent() as opened:
        phases.enter_phase(term=term, kind=PhaseKind.VOTE)
    cast(term, units, [0, 1, 2, 0])
    with sent() as round_two:
        vote.close_round(term=Term.objects.get(pk=term.pk), by=term.people[0])
    cast(term, units, [0, 1, 2, 1])
    with sent() as deciders:
        vote.close_round(term=Term.objects.get(pk=term.pk), by=term.people[0])
    vote.confirm_choice(term=Term.objects.get(pk=term.pk), unit_id=units[2].pk, by=term.people[0])
    vote.confirm_choice(term=Term.objects.get(pk=term.pk), unit_id=units[2].pk, by=term.people[1])
    with sent() as locked:
        vote.lock_results(term=Term.objects.get(pk=term.pk), by=term.people[0])

    everyone = ["ba@example.vn", "bon@example.vn", "pho@example.vn", "truong@example.vn"]
    assert opened.to() == everyone and "bỏ phiếu" in opened.messages[0].body
    assert round_two.to() == everyone and "vòng 2" in round_two.messages[0].subject
    assert deciders.to() == ["pho@example.vn", "truong@example.vn"]
    assert "Khối trưởng và Khối phó" in deciders.messages[0].body
    assert locked.to() == everyone and units[2].name in locked.messages[0].body


@pytest.mark.django_db
def test_reopening_the_vote_tells_the_lead_why_and_what_was_cleared(sent, officer):
    term = make_term(phase=PhaseKind.VOTE, points={i: [Decimal(10 - i)] for i in range(4)})
    cast(term, term.unit_list, [0, 0, 0, 1])
    vote.close_round(term=Term.objects.get(pk=term.pk), by=term.people[0])

    with sent() as mails:
        vote.reopen_vote(term=Term.objects.get(pk=term.pk), by=officer, reason="Sai sót khi kiểm phiếu.")

    to_lead = [message for message in mails.messages if message.to == ["truong@example.vn"]]
    assert any("Lý do: Sai sót khi kiểm phiếu." in message.body for message in to_lead)
    assert any("Khối trưởng tổ chức bình xét lại" in message.body for message in to_lead)
    assert any(term.unit_list[0].name in message.body for message in to_lead)  # the leading unit cleared


@pytest.mark.django_db
def test_reopening_scoring_tells_the_office_which_edits_the_criteria(sent, client_as, officer):
    term = make_term()
    officer.email = "vanphong@example.vn"
    officer.save()

    with sent() as mails:
        response = client_as(term.people[0]).post(f"/clusters/terms/{term.pk}/reopen-scoring/", follow=True)

    assert mails.to() == ["vanphong@example.vn"]
    assert "Khối trưởng" in mails.messages[0].body
    assert f"/clusters/terms/{term.pk}/setup/criteria/" in mails.messages[0].body
    page = response.content.decode()
    assert "Ban/Phòng Thi đua - Khen thưởng tỉnh giờ có thể sửa tiêu chí" in page
    assert "đang sửa các tiêu chí dưới đây" in page


@pytest.mark.django_db
def test_nothing_is_sent_for_an_action_rolled_back(sent):
    term = make_term()

    with sent() as mails, pytest.raises(RuntimeError), transaction.atomic():
        criteria.reopen_scoring(term=term, by=term.people[0])
        notify(units=[term.unit_list[0]], subject="x", body="y")
        raise RuntimeError

    assert mails.messages == []


@pytest.mark.django_db
def test_a_mail_error_is_logged_and_the_action_stands(sent, settings, caplog):
    settings.EMAIL_BACKEND = "tests.clusters.test_notifications.BrokenBackend"
    term = make_term(phase=PhaseKind.COMPACT)
    Sheet.objects.filter(term=term).delete()

    with sent():
        created = phases.enter_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT)

    assert created == 4 and Sheet.objects.filter(term=term).count() == 4
    assert "notification not sent" in caplog.text


@pytest.mark.django_db
def test_mail_is_in_vietnamese_whatever_the_page_s_language(sent):
    term = make_term(phase=PhaseKind.COMPACT)
    Sheet.objects.filter(term=term).delete()

    with translation.override("en"), sent() as mails:
        phases.enter_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT)

    assert mails.messages[0].subject.startswith("Đã mở tự chấm điểm")
    assert "Trên cổng thông tin:" in mails.messages[0].body
