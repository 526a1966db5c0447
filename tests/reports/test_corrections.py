"""Corrections of reports (issue 11): a submitted member report is returned by the lead of its term or
by the office with a reason, corrected by its unit and submitted again, each step told by e-mail to
whoever acts next (and no one else); the history shows the figures' and attachments' before and after
with the reason; a unit deletes its own draft after confirming; a refused attachment says why; a
conference's date lies within its term; cluster reports and conferences recorded by mistake are
deleted with a reason."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.enums import UnitKind
from reports.domain.errors import ReportError
from reports.domain.member_reports import return_report, submit_report
from reports.enums import ConferenceKind, ReportStatus
from reports.models import ClusterReport, Conference, IndicatorValue, MemberReport, ReportAttachment
from tests.factories import UnitFactory, UserFactory
from tests.factories.reports import (
    AttendeeFactory,
    ConferenceFactory,
    IndicatorFactory,
    MemberReportFactory,
    submitted_report,
    term_with_members,
)
from tests.permissions import snapshot

REASON = "Số liệu GRDP chưa khớp với số liệu của Cục Thống kê."


@pytest.fixture
def people(db):
    """A term led by `lead_unit`, with members `member_unit` and `other_unit`, each with an officer
    with an address, plus a provincial officer; the member's report is a draft with one figure."""
    lead_unit = UnitFactory(name="Long An", kind=UnitKind.PROVINCE)
    member_unit = UnitFactory(name="Tiền Giang", kind=UnitKind.PROVINCE)
    other_unit = UnitFactory(name="Bến Tre", kind=UnitKind.PROVINCE)
    term = term_with_members(lead=lead_unit, members=[member_unit, other_unit])
    indicator = IndicatorFactory(code="grdp", name="Tốc độ tăng trưởng GRDP")
    report = MemberReportFactory(term=term, unit=member_unit)
    report.values.create(indicator=indicator, value=Decimal("8"))
    return {
        "term": term,
        "indicator": indicator,
        "report": report,
        "lead": UserFactory(unit=lead_unit, is_unit_officer=True, email="cumtruong@example.vn"),
        "member": UserFactory(unit=member_unit, is_unit_officer=True, email="thanhvien@example.vn"),
        "other": UserFactory(unit=other_unit, is_unit_officer=True, email="khac@example.vn"),
        "officer": UserFactory(unit=UnitFactory(), is_provincial_officer=True, email="ban-tdkt@example.vn"),
        "other_lead": UserFactory(
            unit=term_with_members(members=[member_unit]).lead_unit, is_unit_officer=True, email="cum-khac@example.vn"
        ),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def sent_to(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_returned_report_is_corrected_resubmitted_and_each_step_is_told_and_in_history(
    client, people, django_capture_on_commit_callbacks
):
    report, indicator = people["report"], people["indicator"]
    detail = reverse("reports:report_detail", args=[report.pk])

    # The member submits: only the lead's unit is told, with the link to the report.
    with django_capture_on_commit_callbacks(execute=True):
        as_user(client, people["member"]).post(reverse("reports:report_submit", args=[report.pk]))
    assert sent_to(mail.outbox) == ["cumtruong@example.vn"]
    assert "đã được gửi" in mail.outbox[0].body and detail in mail.outbox[0].body
    mail.outbox.clear()

    # Without a reason the lead is refused and nothing changes.
    as_user(client, people["lead"])
    before = snapshot()
    refused = client.post(reverse("reports:report_return", args=[report.pk]), {"reason": "   "})
    assert refused.status_code == 400
    assert snapshot() == before

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_return", args=[report.pk]), {"reason": REASON})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.return_reason == REASON and report.returned_by == people["lead"]
    assert sent_to(mail.outbox) == ["thanhvien@example.vn"]
    assert REASON in mail.outbox[0].body and "trả lại để chỉnh sửa" in mail.outbox[0].body
    assert detail in mail.outbox[0].body
    mail.outbox.clear()
    # Returned once, it cannot be returned again until it is submitted.
    assert client.get(reverse("reports:report_return", args=[report.pk])).status_code == 403

    # The member sees the reason, corrects the figure and an attachment, and submits again.
    as_user(client, people["member"])
    page = client.get(detail).content.decode()
    assert REASON in page
    saved = client.post(
        reverse("reports:report_update", args=[report.pk]),
        {"results": "Đã điều chỉnh", "limitations": "", "tasks_ahead": "", f"indicator_{indicator.pk}": "9,5"},
    )
    assert saved.status_code == 302
    pdf = SimpleUploadedFile("so-lieu.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(reverse("reports:report_attach", args=[report.pk]), {"title": "Số liệu bổ sung", "file": pdf})
    assert report.attachments.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert sent_to(mail.outbox) == ["cumtruong@example.vn"]
    assert "chỉnh sửa và gửi lại" in mail.outbox[0].body

    # The office reads the history: the figure's before and after, the attachment, with the reason.
    history = as_user(client, people["officer"]).get(detail).context["history"]
    figure_rows = [row for row in history if row.subject and indicator.name in row.subject]
    changes = [(change.before, change.after, row.reason) for row in figure_rows for change in row.changes]
    # (portal.audit shows a decimal column as stored; the "history" part formats values.)
    assert any(before.startswith("8") and after.startswith("9") and why == REASON for before, after, why in changes)
    assert any(row.subject == "Số liệu bổ sung" and row.reason == REASON for row in history)
    status_rows = [row for row in history if not row.subject and row.reason == REASON]
    assert status_rows, "the return is in the history with its reason"


def test_who_may_return_a_report_and_the_refusals_write_nothing(client, people):
    report = submitted_report(term=people["term"], unit=people["other"].unit, figures={people["indicator"]: 5})
    url = reverse("reports:report_return", args=[report.pk])
    before = snapshot()
    # A member of the term, the lead of another term, the report's own unit: 403, nothing written.
    for user in (people["member"], people["other_lead"], people["other"]):
        assert as_user(client, user).post(url, {"reason": REASON}).status_code == 403
    assert snapshot() == before
    # The office may.
    assert as_user(client, people["officer"]).post(url, {"reason": REASON}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    # The domain refuses a blank reason and a draft with whole sentences.
    with pytest.raises(ReportError):
        return_report(report=people["report"], by=people["officer"], reason="Lý do")
    with pytest.raises(ReportError):
        return_report(report=report, by=people["officer"], reason="")


def test_the_lead_own_report_is_announced_to_the_office(people, django_capture_on_commit_callbacks):
    lead_report = MemberReportFactory(term=people["term"], unit=people["lead"].unit)
    lead_report.values.create(indicator=people["indicator"], value=7)

    with django_capture_on_commit_callbacks(execute=True):
        submit_report(report=lead_report, by=people["lead"])

    assert sent_to(mail.outbox) == ["ban-tdkt@example.vn"]


def test_a_unit_deletes_its_draft_after_confirming_and_is_told_why_not_once_submitted(
    client, people, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    report = people["report"]
    attachment = ReportAttachment(report=report, title="Kèm theo")
    attachment.file.save("kem-theo.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    as_user(client, people["member"])
    url = reverse("reports:report_delete", args=[report.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "Xóa bản nháp" in page.content.decode()
    assert MemberReport.objects.filter(pk=report.pk).exists()  # the page alone deletes nothing

    response = client.post(url)
    assert response.status_code == 302
    assert not MemberReport.objects.filter(pk=report.pk).exists()
    assert not IndicatorValue.objects.filter(report_id=report.pk).exists()

    submitted = submitted_report(term=people["term"], unit=people["member"].unit, figures={people["indicator"]: 5})
    submitted_url = reverse("reports:report_delete", args=[submitted.pk])
    page = client.get(submitted_url).content.decode()
    assert "không thể xóa" in page and 'type="submit"' not in page.split("<main")[-1].split("</main>")[0]
    before = snapshot()
    client.post(submitted_url)
    assert snapshot() == before
    submitted.status = ReportStatus.RETURNED
    submitted.save()
    assert "bị trả lại" in client.get(submitted_url).content.decode()


def test_a_refused_attachment_says_why(client, people):
    as_user(client, people["member"])
    url = reverse("reports:report_attach", args=[people["report"].pk])

    wrong = SimpleUploadedFile("ghi-chu.txt", b"plain text, not a document", content_type="text/plain")
    shown = [str(m) for m in client.post(url, {"title": "Ghi chú", "file": wrong}, follow=True).context["messages"]]
    missing = [str(m) for m in client.post(url, {"title": ""}, follow=True).context["messages"]]

    assert len(shown) == 1 and "Tệp này không được chấp nhận" in shown[0]
    assert missing == ["Vui lòng nhập tiêu đề và chọn tệp đính kèm."]
    assert not ReportAttachment.objects.filter(report=people["report"]).exists()


def test_a_conference_date_lies_within_its_term(client, people):
    term = people["term"]  # 2019
    as_user(client, people["lead"])
    data = {
        "term": term.pk,
        "period": "h1",
        "kind": ConferenceKind.HALF_YEAR,
        "title": "Hội nghị sơ kết",
        "held_on": "2010-08-06",
        "place": "Long An",
        "host_unit": term.lead_unit_id,
    }

    refused = client.post(reverse("reports:conference_create"), data)
    year_end = client.post(
        reverse("reports:conference_create"), {**data, "kind": ConferenceKind.YEAR_END, "held_on": "2020-01-15"}
    )

    assert refused.status_code == 200
    assert "nằm ngoài năm thi đua" in refused.context["form"].errors["held_on"][0]
    assert "01/01/2019" in refused.context["form"].errors["held_on"][0]
    assert year_end.status_code == 302
    assert Conference.objects.get().held_on == date(2020, 1, 15)


def test_cluster_reports_and_conferences_are_corrected_with_a_reason(client, people):
    term = people["term"]
    cluster_report = ClusterReport.objects.create(term=term, period="h1", results="Kết quả")
    conference = ConferenceFactory(term=term)
    AttendeeFactory(conference=conference)
    as_user(client, people["lead"])

    # An edit may carry a reason, shown in the history.
    client.post(
        reverse("reports:cluster_report_update", args=[cluster_report.pk]),
        {"results": "Kết quả đã sửa", "limitations": "", "tasks_ahead": "", "reason": "Sửa lỗi chính tả."},
    )
    history = (
        as_user(client, people["officer"])
        .get(reverse("reports:cluster_report_detail", args=[cluster_report.pk]))
        .context["history"]
    )
    assert any(row.reason == "Sửa lỗi chính tả." for row in history)
    conference_history = client.get(reverse("reports:conference_detail", args=[conference.pk])).context["history"]
    assert any(row.subject for row in conference_history), "attendees are in the conference's history"

    # Deleting needs a reason; without one nothing is deleted.
    as_user(client, people["lead"])
    before = snapshot()
    assert client.post(reverse("reports:conference_delete", args=[conference.pk]), {"reason": ""}).status_code == 400
    assert client.post(reverse("reports:cluster_report_delete", args=[cluster_report.pk])).status_code == 400
    assert snapshot() == before
    client.post(reverse("reports:conference_delete", args=[conference.pk]), {"reason": "Nhập trùng hội nghị."})
    client.post(reverse("reports:cluster_report_delete", args=[cluster_report.pk]), {"reason": "Tổng hợp nhầm kỳ."})
    assert not Conference.objects.filter(pk=conference.pk).exists()
    assert not ClusterReport.objects.filter(pk=cluster_report.pk).exists()


def test_a_figure_cleared_since_still_shows_in_the_report_s_history(people):
    from auditlog.models import LogEntry

    from portal.audit import ACTION_LABELS, history_for

    report = people["report"]
    value = report.values.get()
    value.delete()

    rows = history_for(report, children=[IndicatorValue.objects.filter(report=report)])

    deleted = [row for row in rows if row.action == ACTION_LABELS[LogEntry.Action.DELETE]]
    assert [row.subject for row in deleted] == [str(value)]
    assert any(change.before.startswith("8") for change in deleted[0].changes)
