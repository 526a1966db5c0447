"""One number rule (portal.numbers) in the parser, the forms, the domain and on PostgreSQL.

`NUMBER_CASES` is the table every reader of numbers must agree on; the import tests reuse it.
"""

import importlib
import inspect
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.utils import translation

from awards.forms import SessionForm, VoteForm
from clusters.domain import scoring
from clusters.enums import CriterionKind
from clusters.models import Score
from movements.domain.progress import record_progress
from movements.forms import ProgressForm, TargetForm
from movements.models import ProgressEntry
from portal.errors import DomainError
from portal.forms import IntegerNumberField, NumberField
from portal.numbers import NumberError, bounds_of, format_input, format_number, format_percent, parse_number
from portal.templatetags.portal import number, percent
from reports.domain.errors import ReportError
from reports.domain.member_reports import save_figures
from reports.models import IndicatorValue
from tests.factories import UserFactory
from tests.factories.clusters import CriterionFactory, scored_term
from tests.factories.movements import TargetFactory
from tests.factories.reports import IndicatorFactory, MemberReportFactory, term_with_members

# (what an officer types, the Decimal it means, or None when it must be refused). The expected
# values hold for every column with at most 10 digits before the decimal mark and at least 2
# after it: report figures (IndicatorValue.value, 14 digits, 4 decimals), score values and points
# (9, 2), award parameters (14, 4).
NUMBER_CASES = [
    ("8.493", Decimal("8493")),  # dots group thousands: 8.493 tỷ đồng is 8493, not 8.493
    ("8.493,5", Decimal("8493.5")),  # the comma is the decimal mark
    ("1,32", Decimal("1.32")),
    ("1.5", Decimal("1.5")),  # a dot that cannot group thousands is a decimal point
    ("1.000", Decimal("1000")),  # a thousand, never 1
    ("1,5,5", None),  # ambiguous: refused, never guessed
    ("9999999999,99999", None),  # rounds to 10^10: more digits than the column holds
    ("1e30", None),  # not a way officers write numbers
]

# Columns with more room (movement targets and progress: 18 digits, 4 decimals) store the case
# that is too large elsewhere, rounded to their decimals.
WIDE_COLUMN_CASES = [
    (text, Decimal("10000000000.0000") if text == "9999999999,99999" else expected) for text, expected in NUMBER_CASES
]

FIGURE_COLUMN = IndicatorValue._meta.get_field("value")
SCORE_COLUMN = Score._meta.get_field("value")
PROGRESS_COLUMN = ProgressEntry._meta.get_field("value")

case_ids = [text for text, _expected in NUMBER_CASES]
cases = pytest.mark.parametrize(("text", "expected"), NUMBER_CASES, ids=case_ids)
wide_cases = pytest.mark.parametrize(("text", "expected"), WIDE_COLUMN_CASES, ids=case_ids)


# ---------------------------------------------------------------------------
# (a) the parser itself
# ---------------------------------------------------------------------------
@cases
@pytest.mark.parametrize("column", [FIGURE_COLUMN, SCORE_COLUMN], ids=["figure", "score"])
def test_parse_number_reads_each_case_by_the_one_rule(text, expected, column):
    if expected is None:
        with pytest.raises(NumberError) as refused:
            parse_number(text, **bounds_of(column))
        assert refused.value.message
        assert isinstance(refused.value, DomainError)
    else:
        assert parse_number(text, **bounds_of(column)) == expected


@wide_cases
def test_parse_number_in_a_wide_column(text, expected):
    if expected is None:
        with pytest.raises(NumberError):
            parse_number(text, **bounds_of(PROGRESS_COLUMN))
    else:
        assert parse_number(text, **bounds_of(PROGRESS_COLUMN)) == expected


def test_without_bounds_the_large_case_is_read_and_the_exponent_still_refused():
    assert parse_number("9999999999,99999") == Decimal("9999999999.99999")
    with pytest.raises(NumberError):
        parse_number("1e30")


@pytest.mark.parametrize("text", ["1.2.3,4", "50,985.5", ",5", "1,", "nan", "inf", "-", "12a", "1 2,3,4"])
def test_malformed_numbers_are_refused(text):
    with pytest.raises(NumberError):
        parse_number(text)


def test_refusals_are_whole_vietnamese_sentences():
    with translation.override("vi"):
        with pytest.raises(NumberError) as malformed:
            parse_number("1,5,5")
        with pytest.raises(NumberError) as too_large:
            parse_number("9999999999,99999", **bounds_of(FIGURE_COLUMN))
        with pytest.raises(NumberError) as fraction:
            parse_number("1,5", integer=True)

    assert malformed.value.message == (
        "“1,5,5” không phải là số. Hãy viết theo cách của Việt Nam, ví dụ 8.493 hoặc 8.493,5."
    )
    assert "Giá trị quá lớn" in too_large.value.message
    assert "10 chữ số" in too_large.value.message
    assert fraction.value.message == "“1,5” phải là số nguyên."


def test_a_pasted_page_is_not_echoed_whole():
    with pytest.raises(NumberError) as refused:
        parse_number("x" * 10_000)
    assert len(refused.value.message) < 200


@pytest.mark.parametrize(
    ("kind", "limit"),
    [("IntegerField", 2147483647), ("PositiveIntegerField", 2147483647), ("PositiveSmallIntegerField", 32767)],
)
def test_integer_columns_are_bounded_as_postgresql_stores_them(kind, limit):
    from django.db import models

    column = getattr(models, kind)()
    assert parse_number(f"{limit}", **bounds_of(column)) == limit
    with pytest.raises(NumberError):
        parse_number(f"{limit + 1}", **bounds_of(column))
    with pytest.raises(NumberError):
        parse_number("1,5", **bounds_of(column))


@pytest.mark.parametrize(
    "value", [Decimal("1234.5"), Decimal("8.2000"), 2026, Decimal("-0.5"), Decimal("1E+3"), Decimal("0.0001")]
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_text_put_back_in_an_input_reads_back_as_the_same_number(value, language):
    with translation.override(language):
        assert parse_number(format_input(value)) == value


def test_template_filters_wrap_the_formatter():
    with translation.override("vi"):
        assert number(Decimal("50985.5")) == format_number(Decimal("50985.5")) == "50.985,5"
        assert percent(Decimal("92.645"), 2) == format_percent(Decimal("92.645"), 2) == "92,65%"
        assert number(None) == "—"


# ---------------------------------------------------------------------------
# (b) in real portal forms
# ---------------------------------------------------------------------------
@pytest.fixture
def draft_report(member_unit):
    term = term_with_members(members=[member_unit])
    return MemberReportFactory(term=term, unit=member_unit)


@cases
@pytest.mark.django_db
def test_member_report_form_reads_each_case(client_as, unit_officer, draft_report, text, expected):
    indicator = IndicatorFactory()

    response = client_as(unit_officer).post(
        f"/reports/{draft_report.pk}/edit/", {f"indicator_{indicator.pk}": text, "results": "Tốt"}
    )

    if expected is None:
        assert response.status_code == 400
        assert "không phải là số" in response.content.decode() or "quá lớn" in response.content.decode()
        assert not IndicatorValue.objects.exists()
    else:
        assert response.status_code == 302
        assert IndicatorValue.objects.get(report=draft_report, indicator=indicator).value == expected


@cases
@pytest.mark.django_db
def test_score_sheet_page_reads_each_case(client_as, text, expected):
    term = scored_term(members=2, criteria=1)
    quantitative = CriterionFactory(
        group=term.criterion_list[0].group,
        kind=CriterionKind.QUANTITATIVE,
        target=Decimal(100),
        target_share=Decimal("0.5"),
        full_at_ratio=Decimal("1.2"),
    )
    sheet = term.sheet_list[1]
    member = UserFactory(unit=sheet.unit, is_unit_officer=True)

    response = client_as(member).post(
        f"/clusters/sheets/{sheet.pk}/", {"version": "1", f"value-{quantitative.pk}": text}
    )

    if expected is None:
        assert response.status_code == 400
        assert not Score.objects.filter(sheet=sheet).exists()
    else:
        assert response.status_code == 302
        assert Score.objects.get(sheet=sheet, criterion=quantitative).value == expected


@wide_cases
@pytest.mark.django_db
def test_progress_form_reads_each_case(text, expected):
    target = TargetFactory()
    form = ProgressForm(
        {"recorded_on": "30/06/2023", "value": text, "source": ""}, instance=ProgressEntry(target=target)
    )

    assert form.is_valid() is (expected is not None)
    if expected is not None:
        assert form.cleaned_data["value"] == expected


def test_number_fields_take_their_bounds_from_the_column():
    field = NumberField(model_field=FIGURE_COLUMN)
    with pytest.raises(forms.ValidationError):
        field.clean("99.999.999.999")
    assert field.clean("9.999.999.999,99994") == Decimal("9999999999.9999")
    count = IntegerNumberField(min_value=0, max_value=500)
    assert count.clean("100") == 100
    with pytest.raises(forms.ValidationError):
        count.clean("501")
    assert IntegerNumberField().clean("1.000") == 1000


@pytest.mark.django_db
def test_model_forms_get_number_fields_for_their_number_columns():
    assert isinstance(TargetForm.base_fields["target_value"], NumberField)
    assert isinstance(TargetForm.base_fields["baseline_value"], NumberField)
    assert isinstance(SessionForm.base_fields["member_count"], IntegerNumberField)
    form = SessionForm({"held_on": "01/06/2026", "member_count": "1.000", "present_count": "40.000"})
    assert not form.is_valid()
    assert form.errors["present_count"]  # 40.000 is more than a PositiveSmallIntegerField holds
    assert isinstance(VoteForm.base_fields["in_favour"], IntegerNumberField)


FORM_MODULES = ["portal.forms", "directory.forms", "movements.forms", "clusters.forms", "awards.forms", "reports.forms"]


@pytest.mark.parametrize("module_name", FORM_MODULES)
def test_no_portal_form_has_a_stock_django_number_field(module_name):
    module = importlib.import_module(module_name)
    stock = (forms.DecimalField, forms.IntegerField, forms.FloatField)
    for name, form_class in inspect.getmembers(module, inspect.isclass):
        if issubclass(form_class, forms.BaseForm) and form_class.__module__ == module_name:
            for field_name, field in getattr(form_class, "base_fields", {}).items():
                assert not isinstance(field, stock), f"{module_name}.{name}.{field_name} is a {type(field).__name__}"


def test_no_hand_written_number_parsing_is_left():
    """`grep` finds one number parser: nobody swaps separators by hand outside portal/numbers.py."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    packages = ("portal", "directory", "movements", "clusters", "awards", "reports", "emulation_portal", "bench")
    for path in (path for package in packages for path in (root / package).rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if "/migrations/" in relative or relative == "portal/numbers.py":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in ('replace(",", ".")', "replace(',', '.')", "templatetags.portal import"):
            if pattern in text and not relative.startswith("portal/templatetags/"):
                offenders.append(f"{relative}: {pattern}")
        if "/domain/" in relative and "templatetags" in text:
            offenders.append(f"{relative}: domain code imports template filters")
    assert offenders == []


# ---------------------------------------------------------------------------
# (c) in domain functions (SQLite here; the same on PostgreSQL below)
# ---------------------------------------------------------------------------
def _store_figure(text):
    """save_figures with `text` as typed; the stored value read back from a fresh query, or None."""
    report = MemberReportFactory(term=term_with_members())
    indicator = IndicatorFactory()
    save_figures(report=report, values={indicator: text})
    row = IndicatorValue.objects.get(report=report, indicator=indicator)
    return IndicatorValue.objects.get(pk=row.pk).value


def _store_score(text):
    term = scored_term(members=2, criteria=1)
    sheet = term.sheet_list[1]
    criterion = CriterionFactory(
        group=term.criterion_list[0].group, kind=CriterionKind.QUANTITATIVE, target=Decimal(100)
    )
    scoring.save_sheet(sheet=sheet, version=1, entries={criterion.pk: scoring.Entry(value=text)}, by=None)
    row = Score.objects.get(sheet=sheet, criterion=criterion)
    return Score.objects.get(pk=row.pk).value


def _store_progress(text, user):
    target = TargetFactory()
    from datetime import date

    entry = record_progress(target=target, recorded_on=date(2023, 6, 30), value=text, source="", by=user)
    return ProgressEntry.objects.get(pk=entry.pk).value


def check_figure(text, expected):
    if expected is None:
        with pytest.raises(ReportError):
            _store_figure(text)
        assert not IndicatorValue.objects.exists()
    else:
        assert _store_figure(text) == expected


def check_score(text, expected):
    if expected is None:
        with pytest.raises(scoring.ScoreErrors):
            _store_score(text)
        assert not Score.objects.exists()
    else:
        assert _store_score(text) == expected


def check_progress(text, expected, user):
    from movements.domain import MovementError

    if expected is None:
        with pytest.raises(MovementError):
            _store_progress(text, user)
        assert not ProgressEntry.objects.exists()
    else:
        assert _store_progress(text, user) == expected


@cases
@pytest.mark.django_db
def test_save_figures_reads_each_case_and_the_row_reloads(text, expected):
    check_figure(text, expected)


@cases
@pytest.mark.django_db
def test_save_sheet_reads_each_case_and_the_row_reloads(text, expected):
    check_score(text, expected)


@wide_cases
@pytest.mark.django_db
def test_record_progress_reads_each_case_and_the_row_reloads(text, expected, officer):
    check_progress(text, expected, officer)


@pytest.mark.django_db
def test_review_points_beyond_the_column_are_refused():
    term = scored_term(members=2, criteria=1, points={1: [Decimal(5)]})
    sheet = term.sheet_list[1]
    sheet.status = "submitted"
    sheet.save()
    criterion = term.criterion_list[0]
    lead = UserFactory(unit=term.lead_unit, is_unit_officer=True)  # only the sheet's reviewer may review

    with pytest.raises(scoring.ScoreErrors) as refused:
        scoring.review_sheet(sheet=sheet, version=sheet.version, adjustments={criterion.pk: ("1e30", "x")}, by=lead)

    assert criterion.pk in refused.value.errors
    assert Score.objects.get(sheet=sheet).points == 5


# ---------------------------------------------------------------------------
# (d) on PostgreSQL: what is accepted is stored and loads again; what is refused writes nothing
# ---------------------------------------------------------------------------
@cases
def test_on_postgresql_report_figures_store_and_reload(postgresql, text, expected):
    check_figure(text, expected)


@cases
def test_on_postgresql_score_values_store_and_reload(postgresql, text, expected):
    check_score(text, expected)


@wide_cases
def test_on_postgresql_progress_values_store_and_reload(postgresql, officer, text, expected):
    check_progress(text, expected, officer)


@cases
def test_on_postgresql_the_report_form_stores_and_reloads(
    postgresql, client_as, unit_officer, draft_report, text, expected
):
    test_member_report_form_reads_each_case(client_as, unit_officer, draft_report, text, expected)
    for row in IndicatorValue.objects.all():
        assert IndicatorValue.objects.get(pk=row.pk).value == expected


def test_parse_integer_takes_the_bounds_of_an_integer_column():
    from django.db import models

    from portal.numbers import parse_integer

    assert parse_integer("1.000", **bounds_of(models.PositiveSmallIntegerField())) == 1000
    with pytest.raises(NumberError):
        parse_integer("40.000", **bounds_of(models.PositiveSmallIntegerField()))
