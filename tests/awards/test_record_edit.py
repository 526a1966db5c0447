"""Issue 14 (fields): an officer corrects an award record's tier, type and recipient with a reason
(history kept); the record takes the person's tier when a decision or the history import creates it."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.domain import catalogue
from awards.domain.decisions import conferred_tier
from awards.domain.imports import HISTORY_HEADERS, import_history
from awards.domain.records import correct_record
from awards.models import AwardRecord, Nominee
from portal.audit import history_for
from portal.xlsx import workbook_bytes
from tests.factories.awards import AwardRecordFactory, catalogue_award
from tests.factories.directory import PersonFactory, UnitFactory
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

pytestmark = pytest.mark.django_db


def edit(client, record, **data):
    return client.post(reverse("awards:record_edit", args=[record.pk]), data)


def test_an_officer_corrects_the_tier_and_type_with_a_reason_kept_in_the_history(client_as, officer):
    record = AwardRecordFactory()
    client = client_as(officer)

    response = edit(
        client,
        record,
        position_tier="business",
        commendation_type="resistance",
        reason="Theo hồ sơ gốc",
    )

    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.position_tier, record.commendation_type) == ("business", "resistance")
    entry = history_for(record)[0]
    assert entry.reason == "Theo hồ sơ gốc"
    page = client.get(reverse("awards:record_edit", args=[record.pk])).content.decode()
    assert "Theo hồ sơ gốc" in page and "Doanh nhân" in page


def test_a_correction_without_a_reason_or_with_a_collective_tier_is_refused_and_writes_nothing(client_as, officer):
    record = AwardRecordFactory()
    client = client_as(officer)

    no_reason = edit(client, record, position_tier="business", commendation_type="regular", reason="")
    collective = edit(
        client, record, position_tier="business", commendation_type="regular", is_collective="on", reason="Sửa"
    )

    assert no_reason.status_code == collective.status_code == 400
    assert "Chỉ khen thưởng cá nhân mới có nhóm đối tượng." in collective.content.decode()
    record.refresh_from_db()
    assert record.position_tier == ""


def test_the_domain_refuses_a_blank_reason_and_clears_a_collectives_tier(officer):
    from awards.domain import AwardsError

    unit = UnitFactory()
    record = AwardRecordFactory(position_tier="business")
    with pytest.raises(AwardsError):
        correct_record(record=record, changes={"position_tier": ""}, reason=" ", by=officer)

    correct_record(
        record=record, changes={"is_collective": True, "unit": unit, "person": None}, reason="Tập thể", by=officer
    )

    record.refresh_from_db()
    assert (record.is_collective, record.position_tier, record.unit_id) == (True, "", unit.pk)


def test_the_lookup_links_officers_to_the_correction_and_shows_the_tier(client_as, officer, unit_officer):
    record = AwardRecordFactory(person=PersonFactory(full_name="Nguyễn Văn Tư"), position_tier="direct_worker")
    link = reverse("awards:record_edit", args=[record.pk])

    client = client_as(officer)
    as_officer = client.get("/awards/history/?q=nguyen+van+tu").content.decode()
    as_unit = client_as(unit_officer).get("/awards/history/?q=nguyen+van+tu").content.decode()

    assert link in as_officer and "Người trực tiếp lao động, công tác" in as_officer
    assert link not in as_unit


def test_the_lookup_export_has_the_tier_and_imports_back(client_as, officer):
    unit = UnitFactory(code="STP")
    person = PersonFactory(full_name="Nguyễn Văn Tư", unit=unit)
    AwardRecordFactory(person=person, position_tier="other_leader", decision_number="12/QĐ")

    response = client_as(officer).get("/awards/history/?q=nguyen+van+tu&format=xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows.index(HISTORY_HEADERS)
    tier_column = HISTORY_HEADERS.index("Nhóm đối tượng")
    assert rows[header + 1][tier_column] == "Lãnh đạo khác từ cấp phó trưởng phòng trở lên"
    AwardRecord.objects.all().delete()
    import_history(uploaded_file=SimpleUploadedFile("lich-su.xlsx", response.content), by=officer)
    assert AwardRecord.objects.get().position_tier == "other_leader"


def history_upload(rows, headers=HISTORY_HEADERS):
    return SimpleUploadedFile("lich-su.xlsx", workbook_bytes([("Sheet", headers, rows)]))


def test_the_history_import_reads_the_tier_or_takes_the_matched_persons(officer):
    unit = UnitFactory(code="STP")
    PersonFactory(full_name="Nguyễn Văn Tư", unit=unit, position_tier="department_leader")
    code = catalogue_award(catalogue.GRASSROOTS_FIGHTER).code
    rows = [
        ["Nguyễn Văn Tư", "STP", code, 2020, "", "", ""],  # matched: the person's tier
        ["Lê Thị Hoa", "STP", code, 2020, "", "", "doanh nhân"],  # the column's
        ["Trần Văn Bảo", "STP", code, 2020, "", "", ""],  # unmatched, no tier: left blank (the check lists it)
    ]

    import_history(uploaded_file=history_upload(rows), by=officer)

    tiers = dict(AwardRecord.objects.values_list("recipient_name", "position_tier"))
    assert tiers == {"Nguyễn Văn Tư": "department_leader", "Lê Thị Hoa": "business", "Trần Văn Bảo": ""}


def test_the_history_import_refuses_an_unknown_tier_and_reads_files_without_the_column(officer):
    from portal.imports import ImportFailed

    UnitFactory(code="STP")
    code = catalogue_award(catalogue.GRASSROOTS_FIGHTER).code
    with pytest.raises(ImportFailed) as failure:
        import_history(uploaded_file=history_upload([["Lê Thị Hoa", "STP", code, 2020, "", "", "vua"]]), by=officer)
    assert "vua" in failure.value.errors[0].message
    assert not AwardRecord.objects.exists()

    import_history(
        uploaded_file=history_upload([["Lê Thị Hoa", "STP", code, 2020, "", ""]], HISTORY_HEADERS[:-1]), by=officer
    )
    assert AwardRecord.objects.get().position_tier == ""


def test_a_decision_copies_an_individuals_tier_but_not_a_collectives():
    person = PersonFactory(position_tier="senior_leader")
    individual = Nominee(person=person, is_household=False)
    collective = Nominee(person=None, unit=person.unit, is_household=False)
    household = Nominee(person=person, is_household=True)

    assert conferred_tier(individual) == "senior_leader"
    assert conferred_tier(collective) == conferred_tier(household) == ""


# --- the correction page runs a constant number of queries (1 and many history entries) ---
def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def measure(cast):
    with rolled_back():
        client = signed_in_client(cast["officer"])
        record = AwardRecordFactory()
        url = reverse("awards:record_edit", args=[record.pk])
        correct_record(record=record, changes={"position_tier": "business"}, reason="Lần 1", by=cast["officer"])
        one = queries_for(client, url)
        for index in range(30):
            tier = "business" if index % 2 else "direct_worker"
            correct_record(record=record, changes={"position_tier": tier}, reason=f"Lần {index}", by=cast["officer"])
        return {"record_edit": (one, queries_for(client, url))}


shared_data = built_once_per_module(measure)


def test_the_correction_page_query_count_is_constant(shared_data):
    one, many = shared_data.objects["record_edit"]
    assert many <= one
