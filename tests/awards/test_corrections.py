"""Corrections in awards without Django admin: a draft deleted after confirmation; details, nominees,
documents, votes and decisions corrected with a reason the history shows, before and after."""

import html
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.domain.documents import upload_document
from awards.models import AwardRecord, CouncilVote, Decision, Nominee, Proposal, ProposalDocument
from tests.factories.awards import (
    CouncilSessionFactory,
    NomineeFactory,
    ProposalFactory,
    catalogue_award,
    legal_parameters,
)
from tests.factories.directory import PersonFactory

REASON = "Đơn vị nhập nhầm, sửa theo công văn 12/CV"


def text(response):
    return html.unescape(response.content.decode())


def pdf(name="minh-chung.pdf", body=b"%PDF-1.4 x"):
    return SimpleUploadedFile(name, body)


@pytest.mark.django_db
def test_a_unit_deletes_its_own_draft_after_a_confirmation_page(
    client_as, unit_officer, member_unit, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    proposal = ProposalFactory(unit=member_unit, title="Đề nghị lập nhầm")
    NomineeFactory(proposal=proposal, person=PersonFactory(unit=member_unit))
    document = upload_document(proposal=proposal, kind="evidence", uploaded_file=pdf(), by=unit_officer)
    stored = document.file.name
    client = client_as(unit_officer)
    url = reverse("awards:proposal_delete", args=[proposal.pk])

    detail = text(client.get(reverse("awards:proposal_detail", args=[proposal.pk])))
    confirm = client.get(url)

    assert url in detail
    assert confirm.status_code == 200
    assert "Đề nghị lập nhầm" in text(confirm)
    assert Proposal.objects.filter(pk=proposal.pk).exists()  # asking writes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302 and response["Location"] == reverse("awards:proposal_list")
    assert not document.file.storage.exists(stored)
    assert not Proposal.objects.filter(pk=proposal.pk).exists()
    assert not Nominee.objects.filter(proposal_id=proposal.pk).exists()
    assert not ProposalDocument.objects.filter(pk=document.pk).exists()


@pytest.mark.django_db
def test_a_submitted_proposal_cannot_be_deleted(client_as, unit_officer, member_unit):
    proposal = ProposalFactory(unit=member_unit, state="submitted", submitted_on=date(2025, 12, 1))

    response = client_as(unit_officer).post(reverse("awards:proposal_delete", args=[proposal.pk]))

    assert response.status_code == 403
    assert Proposal.objects.filter(pk=proposal.pk).exists()


@pytest.mark.django_db
def test_corrections_of_a_returned_dossier_need_a_reason_and_appear_in_its_history(
    client_as, unit_officer, officer, member_unit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    legal_parameters()
    proposal = ProposalFactory(unit=member_unit, title="Đề nghị năm 2025", year=2025)
    nominee = NomineeFactory(
        proposal=proposal, person=PersonFactory(unit=member_unit, full_name="Lê Văn Bình"), achievement="Cũ"
    )
    kept = upload_document(proposal=proposal, kind="evidence", uploaded_file=pdf("cu.pdf"), by=unit_officer)
    dropped = upload_document(
        proposal=proposal, kind="cover_letter", uploaded_file=pdf("to-trinh.pdf"), by=unit_officer
    )
    Proposal.objects.filter(pk=proposal.pk).update(state="returned", submitted_on=date(2025, 12, 1))
    client = client_as(unit_officer)

    refused = client.post(reverse("awards:nominee_edit", args=[nominee.pk]), {"achievement": "Mới", "reason": " "})
    client.post(reverse("awards:nominee_delete", args=[nominee.pk]))  # no reason: refused, nothing removed
    assert refused.status_code == 400
    nominee.refresh_from_db()
    assert nominee.achievement == "Cũ"

    steps = [
        client.post(reverse("awards:nominee_edit", args=[nominee.pk]), {"achievement": "Mới", "reason": REASON}),
        client.post(
            reverse("awards:document_replace", args=[kept.pk]),
            {"file": pdf("moi.pdf", b"%PDF-1.4 z"), "reason": REASON},
        ),
        client.post(reverse("awards:document_remove", args=[dropped.pk]), {"reason": REASON}),
        client.post(
            reverse("awards:proposal_edit", args=[proposal.pk]),
            {"title": "Đề nghị năm 2025 (sửa)", "commendation_type": "special", "year": 2020, "reason": REASON},
        ),
    ]

    assert [step.status_code for step in steps] == [302] * 4
    nominee.refresh_from_db()
    proposal.refresh_from_db()
    kept.refresh_from_db()
    assert nominee.achievement == "Mới"
    assert (proposal.title, proposal.commendation_type, proposal.year) == ("Đề nghị năm 2025 (sửa)", "special", 2025)
    assert kept.original_name == "moi.pdf"
    assert not ProposalDocument.objects.filter(pk=dropped.pk).exists()

    history = response_history(client_as(officer), proposal)
    assert any(
        row.subject == str(nominee) and row.reason == REASON and change("tóm tắt thành tích", row) == ("Cũ", "Mới")
        for row in history
    )
    assert any(row.reason == REASON and change("tên tệp", row) == ("cu.pdf", "moi.pdf") for row in history)
    assert any(row.action == "xóa" and "to-trinh.pdf" in row.subject and row.reason == REASON for row in history)
    assert any(change("tiêu đề", row) == ("Đề nghị năm 2025", "Đề nghị năm 2025 (sửa)") for row in history)
    page = text(client_as(officer).get(reverse("awards:proposal_detail", args=[proposal.pk])))
    assert REASON in page and "to-trinh.pdf" in page


def change(label, row):
    found = [(item.before, item.after) for item in row.changes if item.label == label]
    return found[0] if found else None


def response_history(client, proposal):
    return client.get(reverse("awards:proposal_detail", args=[proposal.pk])).context["history"]


@pytest.mark.django_db
def test_a_draft_year_corrected_moves_its_nominees(client_as, unit_officer, member_unit):
    legal_parameters()
    proposal = ProposalFactory(unit=member_unit, year=2025)
    nominee = NomineeFactory(proposal=proposal, person=PersonFactory(unit=member_unit))

    response = client_as(unit_officer).post(
        reverse("awards:proposal_edit", args=[proposal.pk]),
        {"title": proposal.title, "commendation_type": "regular", "year": 2024},
    )

    assert response.status_code == 302
    nominee.refresh_from_db()
    proposal.refresh_from_db()
    assert (proposal.year, nominee.year, proposal.deadline) == (2024, 2024, date(2024, 12, 10))


@pytest.mark.django_db
def test_a_vote_corrected_by_the_office_shows_in_the_sessions_history(client_as, officer):
    legal_parameters()
    session = CouncilSessionFactory(member_count=10, present_count=9)
    nominee = NomineeFactory(proposal=ProposalFactory(state="at_council"), award=catalogue_award("CSTDCS"))
    vote = CouncilVote.objects.create(
        session=session,
        nominee=nominee,
        in_favour=7,
        against=2,
        threshold=Decimal(80),
        share=Decimal(70),
        is_passed=False,
    )
    client = client_as(officer)
    url = reverse("awards:vote_edit", args=[vote.pk])
    counts = {"in_favour": 8, "against": 1, "written_in_favour": 0, "written_against": 0}

    refused = client.post(url, counts)
    done = client.post(url, {**counts, "reason": REASON})

    assert (refused.status_code, done.status_code) == (400, 302)
    vote.refresh_from_db()
    assert (vote.in_favour, vote.share, vote.is_passed) == (8, Decimal("80.00"), True)
    page = client.get(reverse("awards:session_detail", args=[session.pk]))
    row = page.context["history"][0]
    assert row.reason == REASON and change("đạt", row) == ("không", "có")
    assert REASON in text(page)


@pytest.mark.django_db
def test_a_decision_corrected_with_a_reason_carries_its_records(client_as, officer):
    legal_parameters()
    proposal = ProposalFactory(state="decided", notice_until=date(2025, 12, 1))
    nominee = NomineeFactory(proposal=proposal, outcome="approved")
    decision = Decision.objects.create(
        proposal=proposal,
        number="9/QĐ",
        signed_on=date(2025, 12, 20),
        signer="Chủ tịch",
        base_salary=2340000,
        total_amount=0,
        created_by=officer,
    )
    record = AwardRecord.objects.create(
        recipient_name=nominee.recipient_name,
        person=nominee.person,
        award=nominee.award,
        year=2025,
        decision=decision,
        nominee=nominee,
        decision_number="9/QĐ",
        decided_on=date(2025, 12, 20),
        amount=0,
        source="decision",
    )
    client = client_as(officer)
    url = reverse("awards:decision_edit", args=[decision.pk])
    data = {
        "number": "19/QĐ",
        "signed_on": "22/12/2025",
        "signer_role": "vice_chairman",
        "signer_name": "Trần Song Tùng",
        "level": "provincial",
    }

    refused = client.post(url, data)
    done = client.post(url, {**data, "reason": REASON})

    assert (refused.status_code, done.status_code) == (400, 302)
    decision.refresh_from_db()
    record.refresh_from_db()
    assert (decision.number, decision.signer, decision.signed_on) == (
        "19/QĐ",
        "Phó Chủ tịch Trần Song Tùng",
        date(2025, 12, 22),
    )
    assert (record.decision_number, record.decided_on) == ("19/QĐ", date(2025, 12, 22))
    page = client.get(reverse("awards:decision_detail", args=[decision.pk]))
    assert any(row.reason == REASON and change("số", row) == ("9/QĐ", "19/QĐ") for row in page.context["history"])


@pytest.mark.django_db
def test_an_override_withdrawn_needs_a_reason_and_is_in_the_history(client_as, officer):
    proposal = ProposalFactory(state="under_verification")
    nominee = NomineeFactory(
        proposal=proposal, eligibility_status="failed", override_reason="Thành tích đột xuất", overridden_by=officer
    )
    client = client_as(officer)
    url = reverse("awards:override_withdraw", args=[nominee.pk])

    asked, refused = client.get(url), client.post(url, {"reason": ""})
    nominee.refresh_from_db()
    assert (asked.status_code, refused.status_code, nominee.override_reason) == (200, 400, "Thành tích đột xuất")

    done = client.post(url, {"reason": REASON})

    nominee.refresh_from_db()
    assert done.status_code == 302 and nominee.override_reason == "" and nominee.overridden_by is None
    history = response_history(client, proposal)
    assert any(row.reason == REASON and row.subject == str(nominee) for row in history)
