"""The whole workflow in Chromium: the unit's draft to the decision .docx, whose text is checked."""

import io

import pytest
from django.utils import timezone

from awards.domain import catalogue
from tests.factories.awards import AwardRecordFactory, catalogue_award
from tests.factories.directory import PersonFactory, rate


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_proposal_from_draft_to_decision_docx(
    page, sign_in_page, unit_officer, officer, parameters, settings, tmp_path
):
    from docx import Document

    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    person = PersonFactory(full_name="Phạm Thị Lan", unit=unit_officer.unit, gender="female")
    AwardRecordFactory(person=person, award=catalogue_award(catalogue.ADVANCED_WORKER), year=today.year)
    rate(person, today.year)  # completed duties excellently this year
    catalogue_award(catalogue.GRASSROOTS_FIGHTER)
    page.on("dialog", lambda dialog: dialog.accept())

    def submit(selector):
        with page.expect_navigation():
            page.click(selector)

    # The unit officer drafts the proposal, adds the nominee and the documents, and submits.
    sign_in_page(unit_officer)
    page.goto("/awards/proposals/new/")
    page.fill("#id_title", "Đề nghị công nhận Chiến sĩ thi đua cơ sở")
    page.select_option("#id_commendation_type", "regular")
    page.fill("#id_year", str(today.year))
    submit("button[type=submit].primary")
    page.select_option("form.nominee-form select[name=award]", label="Chiến sĩ thi đua cơ sở")
    # The person is picked from the autocomplete (only the unit's own people are suggested).
    page.fill("form.nominee-form input[name=person__search]", "Lan")
    page.click("form.nominee-form .autocomplete-option")
    submit("form.nominee-form button[type=submit]")
    assert page.locator("tr[data-nominee] .badge.ok").inner_text() == "Đủ điều kiện"
    for kind in ("cover_letter", "achievement_report", "vote_minutes"):
        page.select_option("form.document-form select[name=kind]", kind)
        page.set_input_files(
            "form.document-form input[name=file]",
            {"name": f"{kind}.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 ho so"},
        )
        submit("form.document-form button[type=submit]")
    submit("button[data-action=submit]")
    assert page.locator(".messages").inner_text() == "Đã nộp hồ sơ."
    proposal_url = page.url

    # The office verifies and sends it to the council, which votes in a session.
    page.context.clear_cookies()
    sign_in_page(officer)
    page.goto(proposal_url)
    submit("button[data-action=verify]")
    submit("button[data-action=council]")
    page.goto("/awards/council/new/")
    page.fill("#id_held_on", today.strftime("%d/%m/%Y"))
    page.fill("#id_member_count", "10")
    page.fill("#id_present_count", "9")
    submit("button[type=submit].primary")
    page.fill("form.vote-form input[name=in_favour]", "8")
    page.fill("form.vote-form input[name=against]", "1")
    submit("form.vote-form button[type=submit]")
    assert "đạt" in page.locator(".messages").inner_text(), page.locator(".messages").inner_text()

    # Public notice, then the decision.
    page.goto(proposal_url)
    page.fill("form.notice-form input[name=until]", today.strftime("%d/%m/%Y"))
    submit("button[data-action=notice]")
    submit("a[data-action=decide]")
    page.fill("#id_number", "125/QĐ-UBND")
    page.fill("#id_signed_on", today.strftime("%d/%m/%Y"))
    page.check("input[name=signer_role][value=vice_chairman]")
    page.fill("#id_signer_name", "Trần Song Tùng")
    submit("form.decision-form button[type=submit].primary")
    assert page.locator("h1").inner_text() == "Quyết định số 125/QĐ-UBND"

    with page.expect_download() as download_info:
        page.click("text=Dự thảo quyết định (.docx)")
    with open(download_info.value.path(), "rb") as downloaded:
        document = Document(io.BytesIO(downloaded.read()))
    # Header and signature are two-column tables (Decree 30/2020); the annex, the last table, opens
    # each award with a heading row.
    in_tables = [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    text = "\n".join([paragraph.text for paragraph in document.paragraphs] + in_tables)
    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert "Số: 125/QĐ-UBND" in text
    assert "Tổng số tiền thưởng: 2.340.000 đồng" in text
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in text and "Trần Song Tùng" in text  # the role chosen on the form
    first_awardee = next(row for row in rows if row[0] == "1")
    assert first_awardee == ["1", "Phạm Thị Lan", unit_officer.unit.name, "Chiến sĩ thi đua cơ sở", "2.340.000", ""]
