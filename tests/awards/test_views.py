"""Pages in Vietnamese: lists and filters, imports, uploads served only to those allowed, the lookup."""

import html
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.domain import catalogue
from awards.domain.documents import upload_document
from awards.domain.imports import HISTORY_HEADERS, NOMINEE_HEADERS
from awards.models import AwardRecord, Nominee, Proposal
from portal.xlsx import workbook_bytes
from tests.factories.awards import AwardRecordFactory, NomineeFactory, ProposalFactory, catalogue_award
from tests.factories.directory import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


def xlsx(headers, rows):
    return SimpleUploadedFile("danh-sach.xlsx", workbook_bytes([("Trang 1", headers, rows)]))


def test_unit_officer_sees_only_own_unit_proposals(client_as, unit_officer):
    ProposalFactory(unit=unit_officer.unit, title="Hồ sơ của đơn vị mình")
    ProposalFactory(unit=UnitFactory(), title="Hồ sơ của đơn vị khác")

    page = client_as(unit_officer).get("/awards/proposals/").content.decode()

    assert "Hồ sơ của đơn vị mình" in page
    assert "Hồ sơ của đơn vị khác" not in page


def test_proposal_list_filters_late_and_searches_without_diacritics(client_as, officer):
    ProposalFactory(
        title="Khen thưởng nông thôn mới",
        year=2023,
        deadline=date(2023, 12, 10),
        submitted_on=date(2023, 12, 20),
        state="submitted",
    )
    ProposalFactory(
        title="Khen thưởng đúng hạn",
        year=2023,
        deadline=date(2023, 12, 10),
        submitted_on=date(2023, 12, 1),
        state="submitted",
    )
    client = client_as(officer)

    late = client.get("/awards/proposals/", {"late": "true"}).content.decode()
    searched = client.get("/awards/proposals/", {"q": "nong thon moi"}).content.decode()

    assert "Khen thưởng nông thôn mới" in late and "Khen thưởng đúng hạn" not in late
    assert "trễ hạn" in late
    assert "Khen thưởng nông thôn mới" in searched and "Khen thưởng đúng hạn" not in searched


def test_proposal_list_exports_excel(client_as, officer):
    ProposalFactory()

    response = client_as(officer).get("/awards/proposals/", {"format": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_queue_shows_the_return_countdown(client_as, officer):
    ProposalFactory(title="Hồ sơ chờ thẩm định", state="submitted", submitted_on=date(2025, 12, 1))

    page = client_as(officer).get("/awards/proposals/queue/").content.decode()

    assert "Hồ sơ chờ thẩm định" in page
    assert "08/12/2025" in page  # 5 working days after Monday 1/12/2025


def test_proposal_page_explains_eligibility_in_vietnamese(client_as, officer, parameters):
    person = PersonFactory(full_name="Đỗ Thị Hương")
    AwardRecordFactory(person=person, year=2024)
    proposal = ProposalFactory(unit=person.unit, year=2025)
    client = client_as(officer)

    client.post(
        f"/awards/proposals/{proposal.pk}/nominees/add/",
        {"award": catalogue_award(catalogue.PROVINCIAL_FIGHTER).pk, "person": person.pk},
    )
    page = client.get(f"/awards/proposals/{proposal.pk}/").content.decode()

    assert "Yêu cầu 3 năm liên tục đạt Chiến sĩ thi đua cơ sở; chỉ có các năm 2024." in page
    assert "Không đủ điều kiện" in page


def test_nominee_import_writes_all_rows(client_as, unit_officer, parameters):
    PersonFactory(full_name="Phạm Thị Lan", unit=unit_officer.unit)
    unit_officer.unit.code = "NB-SGDDT"
    unit_officer.unit.save()
    catalogue_award(catalogue.GRASSROOTS_FIGHTER)
    catalogue_award(catalogue.ADVANCED_COLLECTIVE)
    proposal = ProposalFactory(unit=unit_officer.unit)
    rows = [
        ["Phạm Thị Lan", "NB-SGDDT", "CSTDCS", "Giáo viên giỏi", "Có"],
        ["Sở Giáo dục", "NB-SGDDT", "TTLDTT", "", ""],
    ]

    response = client_as(unit_officer).post(
        f"/awards/proposals/{proposal.pk}/nominees/import/", {"file": xlsx(NOMINEE_HEADERS, rows)}
    )

    assert response.status_code == 302
    assert Nominee.objects.filter(proposal=proposal).count() == 2


def test_nominee_import_with_a_bad_row_writes_nothing(client_as, unit_officer, parameters):
    PersonFactory(full_name="Phạm Thị Lan", unit=unit_officer.unit)
    unit_officer.unit.code = "NB-SGDDT"
    unit_officer.unit.save()
    catalogue_award(catalogue.GRASSROOTS_FIGHTER)
    proposal = ProposalFactory(unit=unit_officer.unit)
    rows = [
        ["Phạm Thị Lan", "NB-SGDDT", "CSTDCS", "", ""],
        ["Người Lạ", "NB-SGDDT", "CSTDCS", "", ""],
        ["Phạm Thị Lan", "NB-SGDDT", "KHONGCO", "", ""],
    ]

    response = client_as(unit_officer).post(
        f"/awards/proposals/{proposal.pk}/nominees/import/", {"file": xlsx(NOMINEE_HEADERS, rows)}
    )

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert Nominee.objects.count() == 0
    assert "Người Lạ chưa có trong danh bạ" in page
    assert 'Không có danh hiệu, hình thức nào mang mã "KHONGCO".' in page


def test_history_import_links_people_and_refuses_bad_years(
    client_as, officer, parameters, django_capture_on_commit_callbacks
):
    unit = UnitFactory(code="NB-STP")
    person = PersonFactory(full_name="Trần Văn Minh", unit=unit)
    catalogue_award(catalogue.GRASSROOTS_FIGHTER)
    client = client_as(officer)

    def post(rows):
        with django_capture_on_commit_callbacks(execute=True):  # the import job runs in-process
            response = client.post("/awards/history/import/", {"file": xlsx(HISTORY_HEADERS, rows)})
        assert response.status_code == 302  # to the job's page
        return html.unescape(client.get(response["Location"]).content.decode())

    bad = post([["Trần Văn Minh", "NB-STP", "CSTDCS", "hai nghìn", "", ""]])
    good = post(
        [
            ["Trần Văn Minh", "NB-STP", "CSTDCS", 2023, "12/QĐ-UBND", "Thường xuyên"],
            ["Lê Thị Cũ", "NB-STP", "CSTDCS", 2019, "", "Đột xuất"],
        ]
    )

    assert '"hai nghìn" không phải là năm.' in bad and 'data-status="failed"' in bad
    assert 'data-status="done"' in good and "2 bản ghi" in good, good[good.find("import-job-status") :][:800]
    assert list(AwardRecord.objects.order_by("year").values_list("recipient_name", "person", "commendation_type")) == [
        ("Lê Thị Cũ", None, "special"),
        ("Trần Văn Minh", person.pk, "regular"),
    ]


def test_history_import_refuses_a_file_that_is_not_excel(client_as, officer):
    response = client_as(officer).post(
        "/awards/history/import/", {"file": SimpleUploadedFile("a.xlsx", b"%PDF-1.4 not excel")}
    )

    assert response.status_code == 400
    assert AwardRecord.objects.count() == 0


def test_lookup_finds_people_without_diacritics_and_units_with_predecessors(client_as, outsider):
    old = UnitFactory(name="Sở Nội vụ tỉnh Nam Định", valid_until=date(2025, 6, 30))
    new = UnitFactory(name="Sở Nội vụ tỉnh Ninh Bình")
    old.successor = new
    old.save()
    AwardRecordFactory(
        person=None,
        unit=old,
        is_collective=True,
        recipient_name=old.name,
        year=2024,
        award=catalogue_award(catalogue.EXCELLENT_COLLECTIVE),
    )
    AwardRecordFactory(person=PersonFactory(full_name="Nguyễn Thị Lan"), year=2023)
    client = client_as(outsider)

    people = client.get("/awards/history/", {"q": "nguyen thi lan"}).content.decode()
    units = client.get("/awards/history/", {"q": "noi vu ninh binh"}).content.decode()

    assert "Nguyễn Thị Lan" in people and "2023" in people
    assert "Sở Nội vụ tỉnh Ninh Bình" in units
    assert "2024: Tập thể lao động xuất sắc" in units
    assert "khi là Sở Nội vụ tỉnh Nam Định" in units


def test_document_is_served_to_its_unit_and_refused_to_another(
    client_as, unit_officer, officer, outsider, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    proposal = ProposalFactory(unit=unit_officer.unit)
    document = upload_document(
        proposal=proposal,
        kind="cover_letter",
        uploaded_file=SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 to trinh"),
        by=officer,
    )
    other_officer = outsider
    other_officer.is_unit_officer = True
    other_officer.save()

    denied = client_as(other_officer).get(f"/awards/documents/{document.pk}/")
    allowed = client_as(unit_officer).get(f"/awards/documents/{document.pk}/")
    body = b"".join(allowed.streaming_content)

    assert (allowed.status_code, body) == (200, b"%PDF-1.4 to trinh")
    assert denied.status_code == 403
    assert not document.file.path.startswith(str(settings.STATIC_ROOT))
    allowed.close()  # last: closing a response ends the request and its database connection


def test_session_page_refuses_votes_without_quorum_in_vietnamese(client_as, officer, parameters):
    from tests.factories.awards import CouncilSessionFactory

    session = CouncilSessionFactory(member_count=10, present_count=6)
    nominee = NomineeFactory(
        proposal=ProposalFactory(state="at_council"), award=catalogue_award(catalogue.GRASSROOTS_FIGHTER)
    )

    response = client_as(officer).post(
        f"/awards/council/{session.pk}/",
        {"nominee": nominee.pk, "in_favour": 6, "against": 0, "written_in_favour": 2, "written_against": 0},
    )

    assert response.status_code == 400
    assert "Không đủ số lượng thành viên dự họp: có mặt 6/10 thành viên; cần ít nhất 80%." in response.content.decode()


def test_dashboard_shows_the_office_queue(client_as, officer):
    ProposalFactory(state="submitted", submitted_on=date(2025, 12, 1))

    page = client_as(officer).get("/").content.decode()

    assert "hồ sơ cần thẩm định" in page


def test_proposal_create_for_a_unit_officer_is_limited_to_their_unit(client_as, unit_officer):
    other = UnitFactory()

    response = client_as(unit_officer).post(
        "/awards/proposals/new/",
        {"unit": other.pk, "title": "Đề nghị", "commendation_type": "regular", "year": date.today().year},
    )

    assert response.status_code == 200
    assert Proposal.objects.count() == 0


def test_transitions_are_audited_with_who(client_as, unit_officer, parameters, settings, tmp_path):
    from auditlog.models import LogEntry

    settings.MEDIA_ROOT = tmp_path
    proposal = ProposalFactory(unit=unit_officer.unit)
    NomineeFactory(proposal=proposal, person=PersonFactory(unit=unit_officer.unit), award=catalogue_award("GK-CN"))
    client = client_as(unit_officer)
    client.post(
        f"/awards/proposals/{proposal.pk}/documents/add/",
        {"kind": "cover_letter", "file": SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4")},
    )

    client.post(f"/awards/proposals/{proposal.pk}/submit/")

    entry = LogEntry.objects.get_for_object(proposal).filter(changes__icontains="submitted").get()
    assert entry.actor == unit_officer


def test_vote_form_posts_large_ids_without_thousand_separators(client_as, officer, parameters):
    from tests.factories.awards import CouncilSessionFactory

    session = CouncilSessionFactory()
    nominee = NomineeFactory(
        pk=12345, proposal=ProposalFactory(state="at_council"), award=catalogue_award(catalogue.GRASSROOTS_FIGHTER)
    )

    page = client_as(officer).get(f"/awards/council/{session.pk}/").content.decode()

    assert f'name="nominee" value="{nominee.pk}"' in page
