"""Self-assessment and review: points, ranges, locks, evidence and concurrent edits."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusters.domain import scoring
from clusters.domain.errors import DomainError, SheetConflict
from clusters.enums import CriterionKind, PhaseKind, SheetStatus
from clusters.models import Criterion, Score, Sheet
from portal.numbers import bounds_of, parse_number
from tests.factories import UserFactory
from tests.factories.clusters import CriterionFactory, scored_term
from tests.permissions import snapshot


def criterion(kind, **values):
    return Criterion(kind=kind, max_points=Decimal(values.pop("max_points", 10)), **values)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [(0, "0.00"), (50, "2.50"), (100, "5.00"), (110, "7.50"), (120, "10.00"), (300, "10.00")],
)
def test_quantitative_points_pro_rata_half_at_target_more_when_over(actual, expected):
    rule = criterion(
        CriterionKind.QUANTITATIVE, target=Decimal(100), target_share=Decimal("0.5"), full_at_ratio=Decimal("1.2")
    )

    assert scoring.compute_points(rule, Decimal(actual)) == Decimal(expected)


def test_other_kinds_points_respect_their_caps():
    assert scoring.compute_points(criterion(CriterionKind.QUALITATIVE), Decimal(1)) == 10
    assert scoring.compute_points(criterion(CriterionKind.QUALITATIVE), Decimal(0)) == 0
    per_count = criterion(CriterionKind.PER_COUNT, points_per_count=Decimal("1.5"))
    assert scoring.compute_points(per_count, Decimal(4)) == Decimal("6.00")
    assert scoring.compute_points(per_count, Decimal(40)) == 10
    assert scoring.compute_points(criterion(CriterionKind.DEDUCTION), Decimal(3)) == Decimal("-3.00")


def test_score_values_are_read_vietnamese_and_plain_within_the_column():
    # scoring.parse_decimal is gone: score values are read by portal.numbers with Score.value's bounds.
    def parse_score(text):
        return parse_number(text, **bounds_of(Score._meta.get_field("value")))

    assert parse_score("50,5") == Decimal("50.5")
    assert parse_score("1.234,5") == Decimal("1234.5")
    assert parse_score("7.25") == Decimal("7.25")
    assert parse_score(" ") is None
    with pytest.raises(ValueError):
        parse_score("mười")
    assert parse_score("0,005") == Decimal("0.01")
    with pytest.raises(ValueError):
        parse_score("NaN")
    with pytest.raises(ValueError):
        parse_score("1e400")


@pytest.fixture
def term(db):
    return scored_term(members=3, criteria=2)


@pytest.fixture
def member(term):
    return UserFactory(unit=term.unit_list[1], is_unit_officer=True)


@pytest.fixture
def lead(term):
    return UserFactory(unit=term.lead_unit, is_unit_officer=True)


def entries(term, *values):
    return {c.pk: scoring.Entry(value=Decimal(v)) for c, v in zip(term.criterion_list, values, strict=True)}


@pytest.mark.django_db
def test_member_page_out_of_range_value_is_refused_and_nothing_changes(client_as, term, member):
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    before = snapshot()

    response = client_as(member).post(
        f"/clusters/sheets/{sheet.pk}/", {"version": "1", f"value-{first.pk}": "11", f"value-{second.pk}": "4"}
    )

    assert response.status_code == 400
    assert "Điểm phải trong khoảng từ 0 đến 10" in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_member_page_huge_value_is_refused_not_a_server_error(client_as, term, member):
    before = snapshot()

    response = client_as(member).post(
        f"/clusters/sheets/{term.sheet_list[1].pk}/",
        {"version": "1", f"value-{term.criterion_list[0].pk}": "9999999,999"},
    )

    assert response.status_code == 400
    assert "Giá trị quá lớn" in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_member_page_text_that_is_not_a_number_is_refused(client_as, term, member):
    sheet = term.sheet_list[1]
    before = snapshot()

    response = client_as(member).post(
        f"/clusters/sheets/{sheet.pk}/", {"version": "1", f"value-{term.criterion_list[0].pk}": "năm"}
    )

    assert response.status_code == 400
    assert "không phải là số" in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_save_then_submit_computes_points_and_hands_sheet_to_lead(term, member):
    sheet = term.sheet_list[1]

    scoring.save_sheet(sheet=sheet, version=1, entries=entries(term, "7", "8,5".replace(",", ".")), by=member)
    scoring.save_sheet(sheet=sheet, version=2, entries={}, by=member, submit=True)

    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED
    assert sheet.version == 3
    assert sorted(Score.objects.filter(sheet=sheet).values_list("points", flat=True)) == [Decimal(7), Decimal("8.5")]


@pytest.mark.django_db
def test_submitted_sheet_edit_is_refused_and_changes_nothing(client_as, term, member):
    sheet = term.sheet_list[1]
    scoring.save_sheet(sheet=sheet, version=1, entries=entries(term, "7", "8"), by=member, submit=True)
    before = snapshot()

    response = client_as(member).post(
        f"/clusters/sheets/{sheet.pk}/", {"version": "2", f"value-{term.criterion_list[0].pk}": "10"}
    )

    assert response.status_code == 400
    assert "không thể sửa" in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_edit_outside_self_assessment_phase_is_refused(member):
    term = scored_term(members=2, member_units=[member.unit], phase=PhaseKind.REVIEW)
    before = snapshot()

    with pytest.raises(DomainError, match="Tự chấm điểm"):
        scoring.save_sheet(sheet=term.sheet_list[1], version=1, entries=entries(term, "1", "2"), by=member)
    assert snapshot() == before


@pytest.mark.django_db
def test_stale_concurrent_edit_is_detected_and_changes_nothing(client_as, term, member):
    sheet = term.sheet_list[1]
    first = term.criterion_list[0]
    colleague = UserFactory(unit=member.unit, is_unit_officer=True)
    scoring.save_sheet(sheet=Sheet.objects.get(pk=sheet.pk), version=1, entries=entries(term, "3", "3"), by=colleague)
    before = snapshot()

    response = client_as(member).post(f"/clusters/sheets/{sheet.pk}/", {"version": "1", f"value-{first.pk}": "9"})

    assert response.status_code == 409
    assert "Người khác đã lưu phiếu này" in response.content.decode()
    assert snapshot() == before
    assert Score.objects.get(sheet=sheet, criterion=first).value == 3


@pytest.mark.django_db
def test_stale_version_in_domain_raises_conflict(term, member):
    sheet = term.sheet_list[1]
    scoring.save_sheet(sheet=Sheet.objects.get(pk=sheet.pk), version=1, entries=entries(term, "1", "1"), by=member)

    with pytest.raises(SheetConflict):
        scoring.save_sheet(sheet=Sheet.objects.get(pk=sheet.pk), version=1, entries=entries(term, "2", "2"), by=member)


@pytest.mark.django_db
def test_submit_without_required_evidence_is_refused(term, member):
    required = CriterionFactory(group=term.criterion_list[0].group, requires_evidence=True)
    sheet = term.sheet_list[1]
    values = {**entries(term, "1", "1"), required.pk: scoring.Entry(value=Decimal(2))}

    with pytest.raises(scoring.ScoreErrors) as refused:
        scoring.save_sheet(sheet=sheet, version=1, entries=values, by=member, submit=True)

    assert refused.value.errors == {required.pk: "Tiêu chí này bắt buộc có tệp minh chứng."}
    assert not Score.objects.filter(sheet=sheet).exists()
    values[required.pk].evidence = SimpleUploadedFile("minh-chung.pdf", b"%PDF")
    scoring.save_sheet(sheet=Sheet.objects.get(pk=sheet.pk), version=1, entries=values, by=member, submit=True)
    assert Score.objects.get(sheet=sheet, criterion=required).evidence


@pytest.mark.django_db
def test_evidence_that_is_not_a_document_is_refused_and_nothing_is_saved(term, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sheet = term.sheet_list[1]
    values = entries(term, "1", "1")
    first = term.criterion_list[0]
    values[first.pk].evidence = SimpleUploadedFile("minh-chung.pdf", b"#!/bin/sh\necho not evidence\n")

    with pytest.raises(scoring.ScoreErrors) as refused:
        scoring.save_sheet(sheet=sheet, version=1, entries=values, by=member)

    assert "không được chấp nhận" in refused.value.errors[first.pk]
    assert not Score.objects.filter(sheet=sheet).exists()
    assert list(tmp_path.rglob("*.*")) == []


@pytest.mark.django_db
def test_lead_adjustment_needs_reason_and_range(term, member, lead):
    sheet = term.sheet_list[1]
    first = term.criterion_list[0]
    scoring.save_sheet(sheet=sheet, version=1, entries=entries(term, "7", "8"), by=member, submit=True)

    with pytest.raises(scoring.ScoreErrors) as no_reason:
        scoring.review_sheet(sheet=sheet, version=2, adjustments={first.pk: (Decimal(5), "")}, by=lead)
    with pytest.raises(scoring.ScoreErrors) as out_of_range:
        scoring.review_sheet(sheet=sheet, version=2, adjustments={first.pk: (Decimal(12), "Sai")}, by=lead)
    scoring.review_sheet(
        sheet=sheet, version=2, adjustments={first.pk: (Decimal(5), "Thiếu minh chứng")}, by=lead, action="accept"
    )

    assert "lý do" in no_reason.value.errors[first.pk]
    assert "từ 0 đến 10" in out_of_range.value.errors[first.pk]
    score = Score.objects.get(sheet=sheet, criterion=first)
    assert (score.self_points, score.points, score.adjustment_reason) == (7, 5, "Thiếu minh chứng")
    assert Sheet.objects.get(pk=sheet.pk).status == SheetStatus.ACCEPTED


@pytest.mark.django_db
def test_returned_sheet_can_be_corrected_and_resubmitted(term, member, lead):
    sheet = term.sheet_list[1]
    scoring.save_sheet(sheet=sheet, version=1, entries=entries(term, "7", "8"), by=member, submit=True)

    with pytest.raises(DomainError):
        scoring.review_sheet(sheet=sheet, version=2, adjustments={}, by=lead, action="return")
    scoring.review_sheet(sheet=sheet, version=2, adjustments={}, by=lead, action="return", return_reason="Bổ sung")
    scoring.save_sheet(sheet=sheet, version=3, entries=entries(term, "6", "8"), by=member, submit=True)

    assert Sheet.objects.get(pk=sheet.pk).status == SheetStatus.SUBMITTED


@pytest.mark.django_db
def test_member_page_shows_vietnamese_sheet_with_live_total_hooks(client_as, term, member):
    response = client_as(member).get(f"/clusters/sheets/{term.sheet_list[1].pk}/")

    page = response.content.decode()
    assert "Phiếu tự chấm điểm" in page
    assert "data-sheet-total" in page
    assert "clusters/scoring.js" in page


@pytest.mark.django_db
def test_sheet_form_field_names_are_not_localised_for_large_ids(client_as, term, member):
    CriterionFactory(pk=12345, group=term.criterion_list[0].group)

    page = client_as(member).get(f"/clusters/sheets/{term.sheet_list[1].pk}/").content.decode()

    assert 'name="value-12345"' in page
