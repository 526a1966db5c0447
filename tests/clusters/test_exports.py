"""The clusters' exports: a title (cluster or bloc, year, what, when, by whom), dd/mm/yyyy dates and
number cells; the ranking export shows shared ranks and the tie-break step of each member."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from clusters.enums import ClusterKind, PhaseKind, SheetStatus
from clusters.models import Score, Sheet
from tests.factories import UnitFactory, UserFactory
from tests.factories.clusters import scored_term


def rows_of(response, index=0):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[index]
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def bloc_term(db):
    units = [UnitFactory(name=name) for name in ("Sở Y tế", "Sở Tài chính", "Sở Xây dựng")]
    term = scored_term(
        members=3,
        criteria=1,
        groups=2,
        lead_unit=units[0],
        member_units=units[1:],
        phase=PhaseKind.REVIEW,
        points={0: [Decimal("60.43"), Decimal("35.93")], 1: [Decimal("60.43"), Decimal("35.93")], 2: [1, 2]},
    )
    term.cluster.kind = ClusterKind.BLOC
    term.cluster.name = "Khối các sở"
    term.cluster.save()
    term.year = 2024
    term.save()
    return term


@pytest.fixture
def lead(bloc_term):
    return UserFactory(unit=bloc_term.lead_unit, is_unit_officer=True, full_name="Lê Thị B")


def test_ranking_export_has_a_title_shared_ranks_and_steps(client_as, bloc_term, lead):
    sheet, rows = rows_of(client_as(lead).get(f"/clusters/terms/{bloc_term.pk}/ranking/?format=xlsx"))

    assert rows[0][0] == "Khối thi đua: Khối các sở, năm 2024"
    assert rows[1][0] == "Xếp hạng"
    assert rows[2][0].startswith("Xuất lúc ") and rows[2][0].endswith("người xuất: Lê Thị B.")
    assert timezone.localtime().strftime("%d/%m/%Y") in rows[2][0]
    header = rows.index(next(row for row in rows if row[0] == "Hạng"))
    body = rows[header + 1 :]
    assert [row[:3] for row in body] == [
        ["1 (đồng hạng)", 1, "Sở Tài chính"],
        ["1 (đồng hạng)", 2, "Sở Y tế"],
        ["3", 3, "Sở Xây dựng"],
    ]
    assert body[0][6] == "Theo tên đơn vị" and body[1][6] == "Tổng điểm cao hơn"
    total = sheet.cell(row=header + 2, column=4)
    assert (total.value, total.data_type, total.number_format) == (pytest.approx(96.36), "n", "#,##0.00")
    assert "Cụm" not in " ".join(str(row[0]) for row in rows[:3])


def test_sheet_export_lists_criteria_points_and_reasons(client_as, bloc_term, lead):
    sheet = Sheet.objects.get(pk=bloc_term.sheet_list[1].pk)
    Score.objects.filter(sheet=sheet, criterion=bloc_term.criterion_list[0]).update(
        points=Decimal("50.5"), adjustment_reason="=Thiếu minh chứng"
    )

    _sheet, rows = rows_of(client_as(lead).get(f"/clusters/sheets/{sheet.pk}/export/"))

    assert rows[0][0] == "Khối thi đua: Khối các sở, năm 2024"
    assert rows[1][0] == "Phiếu tự chấm điểm của Sở Tài chính"
    assert rows[3][0] == "Người thẩm định: Khối trưởng (Sở Y tế)."
    criterion = bloc_term.criterion_list[0]
    line = next(row for row in rows if row[1] == criterion.title)
    assert line[3:8] == [10, pytest.approx(60.43), pytest.approx(60.43), 50.5, "=Thiếu minh chứng"]
    assert rows[-1][1] == "Tổng cộng" and rows[-1][6] == pytest.approx(86.43)


def test_review_queue_export_has_status_total_dates_and_reviewer(client_as, bloc_term, lead):
    bloc_term.deputy_unit = bloc_term.unit_list[2]
    bloc_term.save()
    submitted = Sheet.objects.get(pk=bloc_term.sheet_list[2].pk)
    submitted.status = SheetStatus.SUBMITTED
    submitted.submitted_at = timezone.now()
    submitted.save()

    sheet, rows = rows_of(client_as(lead).get(f"/clusters/terms/{bloc_term.pk}/review/?format=xlsx"))

    assert rows[1][0] == "Danh sách phiếu cần thẩm định"
    header = next(n for n, row in enumerate(rows) if row[0] == "Đơn vị")
    body = {row[0]: row for row in rows[header + 1 :]}
    assert body["Sở Xây dựng"][1] == "Đã gửi"
    assert body["Sở Xây dựng"][2] == 3
    assert sheet.cell(row=header + 2, column=4).number_format == "dd/mm/yyyy hh:mm"
    assert body["Sở Xây dựng"][6] == "Khối trưởng (Sở Y tế)"
    assert body["Sở Y tế"][6] == "Khối phó (Sở Xây dựng)"
