"""Every import is recorded (who, when, kind, file name, rows) and audited row by row; officers list them."""

import html
import unicodedata

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.domain.imports import HISTORY_HEADERS, NOMINEE_HEADERS, import_history, import_nominees
from awards.models import AwardRecord, Nominee
from directory.domain.imports import PERSON_HEADERS, import_people
from directory.models import Person
from portal.audit import import_cid
from portal.imports import ImportFailed
from portal.models import ImportKind, ImportRecord
from portal.xlsx import workbook_bytes
from tests.factories.awards import ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory, UnitFactory


def xlsx(headers, rows, name="du-lieu.xlsx"):
    return SimpleUploadedFile(name, workbook_bytes([("Trang 1", headers, rows)]))


def nfd(text):
    return unicodedata.normalize("NFD", text)


@pytest.mark.django_db
def test_the_award_history_import_is_recorded_with_one_audit_entry_per_row(officer):
    unit = UnitFactory(code="NB-SGDDT")
    catalogue_award("CSTDCS")
    rows = [[f"Người thứ {n}", "NB-SGDDT", "CSTDCS", 2019 + n, f"{n}/QĐ", "Thường xuyên"] for n in range(3)]

    result = import_history(uploaded_file=xlsx(HISTORY_HEADERS, rows, name=nfd("lịch-sử-khen-thưởng.xlsx")), by=officer)

    record = ImportRecord.objects.get()
    assert (record.kind, record.by, record.row_count, record.created_count) == (ImportKind.AWARD_HISTORY, officer, 3, 3)
    assert record.file_name == "lịch-sử-khen-thưởng.xlsx"  # NFC
    assert result.created == 3
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(AwardRecord))
    assert entries.count() == 3
    assert {(entry.action, entry.actor_id, entry.cid) for entry in entries} == {
        (LogEntry.Action.CREATE, officer.pk, import_cid(record.pk))
    }
    first = AwardRecord.objects.get(recipient_name="Người thứ 0")
    changes = LogEntry.objects.get(object_id=first.pk, content_type__model="awardrecord").changes_dict
    assert changes["year"][1] == "2019" and changes["unit"][1] == str(unit.pk)


@pytest.mark.django_db
def test_a_refused_import_records_nothing(officer):
    rows = [["Người A", "", "KHONG-CO", 2020, "", ""]]

    with pytest.raises(ImportFailed):
        import_history(uploaded_file=xlsx(HISTORY_HEADERS, rows), by=officer)

    assert not ImportRecord.objects.exists()
    assert not AwardRecord.objects.exists()


@pytest.mark.django_db
def test_a_decomposed_name_imported_matches_the_existing_person(officer):
    unit = UnitFactory(code="NB-SYT")
    person = PersonFactory(full_name="Nguyễn Thị Ánh Tuyết", unit=unit, gender="female")
    rows = [[nfd("Nguyễn Thị Ánh Tuyết"), nfd("Nữ"), nfd("Chuyên viên chính"), "NB-SYT", "", ""]]

    result = import_people(uploaded_file=xlsx(PERSON_HEADERS, rows), by=officer)

    assert (result.created, result.updated) == (0, 1)
    assert Person.objects.filter(unit=unit).count() == 1
    person.refresh_from_db()
    assert person.position == "Chuyên viên chính"
    record = ImportRecord.objects.get()
    assert (record.kind, record.created_count, record.updated_count) == (ImportKind.PEOPLE, 0, 1)
    assert LogEntry.objects.filter(cid=import_cid(record.pk), object_id=person.pk).exists()


@pytest.mark.django_db
def test_a_nominee_import_is_recorded_with_a_link_to_its_proposal(unit_officer, member_unit):
    legal_parameters()
    catalogue_award("CSTDCS")
    proposal = ProposalFactory(unit=member_unit)
    PersonFactory(full_name="Phạm Thị Lan", unit=member_unit)
    rows = [[nfd("Phạm Thị Lan"), member_unit.code, "CSTDCS", "Giáo viên giỏi", "Có"]]

    import_nominees(proposal=proposal, uploaded_file=xlsx(NOMINEE_HEADERS, rows), by=unit_officer)

    record = ImportRecord.objects.get()
    assert record.link == reverse("awards:proposal_detail", args=[proposal.pk])
    nominee = Nominee.objects.get(proposal=proposal)
    assert LogEntry.objects.filter(cid=import_cid(record.pk), object_id=nominee.pk).exists()


def _import_rows(officer, count):
    for n in range(count):
        ImportRecord.objects.create(
            kind=ImportKind.AWARD_HISTORY if n % 2 else ImportKind.UNITS,
            file_name=f"Tệp nhập số {n}.xlsx",
            by=officer,
            row_count=n,
            link=reverse("awards:lookup"),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_the_import_list_reads_a_fixed_number_of_queries(client_as, officer, count, django_assert_max_num_queries):
    _import_rows(officer, count)
    client = client_as(officer)
    client.get(reverse("portal:import_list"))  # warm the session and the menu's caches

    with django_assert_max_num_queries(14):
        response = client.get(reverse("portal:import_list"))

    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(count, 25)


@pytest.mark.django_db
def test_the_import_list_filters_by_kind_person_date_and_file_name(client_as, officer, administrator):
    _import_rows(officer, 4)
    ImportRecord.objects.create(kind=ImportKind.PEOPLE, file_name="Danh sách cán bộ.xlsx", by=administrator)
    client = client_as(officer)
    url = reverse("portal:import_list")

    def names(**query):
        return [record.file_name for record in client.get(url, query).context["object_list"]]

    assert names(q="danh sach can bo") == ["Danh sách cán bộ.xlsx"]
    assert names(kind="units") == ["Tệp nhập số 2.xlsx", "Tệp nhập số 0.xlsx"]
    assert names(by=administrator.pk) == ["Danh sách cán bộ.xlsx"]
    assert len(names(imported_from="01/01/2000")) == 5
    assert names(imported_until="01/01/2000") == []
    page = html.unescape(client.get(url).content.decode())
    assert "Tệp nhập số 3.xlsx" in page


@pytest.mark.django_db
def test_an_imports_page_lists_the_rows_it_wrote(client_as, officer):
    UnitFactory(code="NB-SGDDT")
    catalogue_award("CSTDCS")
    rows = [[f"Người thứ {n}", "NB-SGDDT", "CSTDCS", 2023, f"{n}/QĐ", ""] for n in range(2)]
    import_history(uploaded_file=xlsx(HISTORY_HEADERS, rows), by=officer)
    record = ImportRecord.objects.get()

    page = html.unescape(client_as(officer).get(reverse("portal:import_detail", args=[record.pk])).content.decode())

    assert "Người thứ 0" in page and "Người thứ 1" in page
    assert "2023" in page and "2.023" not in page
