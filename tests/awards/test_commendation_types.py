"""Commendation types (issue 12, types): each type judged by its own criteria and documents, never by
the award's regular-merit rule; the full catalogue with its coefficients and conferring authorities;
the data migration that adds the missing awards; the catalogue page's query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from awards.domain import catalogue, types
from awards.domain.eligibility import check_nominee, person_years
from awards.domain.workflow import missing_documents
from awards.enums import CommendationType, ConferringAuthority, ParameterKind
from awards.models import Award, LegalParameter
from tests.factories.awards import (
    AwardRecordFactory,
    DisciplineCaseFactory,
    NomineeFactory,
    ProposalFactory,
    catalogue_award,
)
from tests.factories.directory import PersonFactory
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

pytestmark = pytest.mark.django_db

RESCUE = "Cứu hai cháu nhỏ bị đuối nước trên sông Đáy ngày 14/06/2025."


def nominate(kind, *, code=catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, person=None, proposal=None, **fields):
    proposal = proposal or ProposalFactory(year=2025, commendation_type=kind)
    return NomineeFactory(proposal=proposal, person=person or PersonFactory(), award=catalogue_award(code), **fields)


def explain(nominee):
    with translation.override("vi"):
        return check_nominee(nominee=nominee)


def service_years(code, years, *, since=date(2024, 1, 1), kind=ParameterKind.SERVICE_YEARS):
    LegalParameter.objects.create(kind=kind, award=catalogue_award(code), value=years, effective_from=since)


# --- Special achievement ---------------------------------------------------------------------------
def test_special_achievement_proposal_with_no_history_passes_its_own_rules():
    nominee = nominate("special", achievement=RESCUE)

    check = explain(nominee)

    assert check.status == "passed"
    assert "Chiến sĩ thi đua cơ sở" not in check.explanation  # not the chairman's regular-merit rule
    assert "Khen thưởng đột xuất: không cần thành tích khen thưởng trước đó" in check.explanation


def test_the_same_award_for_regular_merit_without_history_fails():
    check = explain(nominate("regular", achievement=RESCUE))

    assert check.status == "failed"
    assert "Chiến sĩ thi đua cơ sở" in check.explanation


def test_special_achievement_without_summary_fails():
    check = explain(nominate("special"))

    assert check.status == "failed"
    assert "Khen thưởng đột xuất phải có tóm tắt thành tích nêu rõ hành động và ngày xảy ra." in check.explanation


def test_special_achievement_summary_must_give_the_date():
    check = explain(nominate("special", achievement="Cứu hai cháu nhỏ bị đuối nước."))

    assert check.status == "failed"
    assert "ngày" in check.explanation


def test_special_achievement_is_still_held_by_a_pending_case():
    person = PersonFactory()
    DisciplineCaseFactory(person=person)

    assert explain(nominate("special", person=person, achievement=RESCUE)).status == "held"


def test_special_achievement_needs_evidence_in_the_dossier():
    special = nominate("special", achievement=RESCUE)
    regular = nominate("regular")

    assert "evidence" in missing_documents(special.proposal)
    assert "evidence" not in missing_documents(regular.proposal)


def test_special_certificate_in_the_year_of_a_regular_one_is_not_a_second_conferral():
    person = PersonFactory()
    certificate = catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL)
    AwardRecordFactory(person=person, award=certificate, year=2025, commendation_type="regular")

    assert explain(nominate("special", person=person, achievement=RESCUE)).status == "passed"


# --- History is not counted ------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["special", "thematic", "resistance", "foreign", "lifetime", "service"])
def test_records_of_other_types_do_not_count_toward_regular_history(kind):
    person = PersonFactory()
    AwardRecordFactory(person=person, award=catalogue_award(catalogue.GRASSROOTS_FIGHTER), year=2023)
    AwardRecordFactory(
        person=person, award=catalogue_award(catalogue.GRASSROOTS_FIGHTER), year=2024, commendation_type=kind
    )

    assert person_years(person, catalogue.GRASSROOTS_FIGHTER) == {2023}
    check = explain(nominate("regular", person=person))  # the chairman's Bằng khen: 2 consecutive years
    assert check.status == "failed"


def test_regular_records_make_the_regular_run():
    person = PersonFactory()
    for year in (2023, 2024):
        AwardRecordFactory(person=person, award=catalogue_award(catalogue.GRASSROOTS_FIGHTER), year=year)

    assert explain(nominate("regular", person=person)).status == "passed"


# --- Thematic --------------------------------------------------------------------------------------
def test_thematic_proposal_linked_to_its_movement_review_passes():
    from tests.factories.movements import MovementReviewFactory

    review = MovementReviewFactory()
    proposal = ProposalFactory(commendation_type="thematic", movement_review=review)

    check = explain(nominate("thematic", proposal=proposal, achievement="Điển hình trong phong trào."))

    assert check.status == "passed", check.explanation
    assert str(review.movement) in check.explanation


def test_thematic_proposal_without_its_movement_review_fails():
    check = explain(nominate("thematic", achievement="Điển hình trong phong trào."))

    assert check.status == "failed"
    assert "phải gắn với đợt sơ kết, tổng kết của phong trào" in check.explanation


# --- Contribution and length of service ------------------------------------------------------------
def test_length_of_service_with_enough_years_passes():
    service_years(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, 25)

    check = explain(nominate("service", service_since_year=2000))

    assert check.status == "passed"
    assert "25 năm công tác kể từ năm 2000" in check.explanation


def test_length_of_service_with_too_few_years_fails():
    service_years(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, 25)

    check = explain(nominate("service", service_since_year=2001))

    assert check.status == "failed"
    assert "24 năm công tác kể từ năm 2001" in check.explanation


def test_length_of_service_without_the_start_year_fails():
    service_years(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, 25)

    assert explain(nominate("service")).status == "failed"


def test_length_of_service_without_a_parameter_fails_and_asks_the_administrator():
    check = explain(nominate("service", service_since_year=1990))

    assert check.status == "failed"
    assert "Quản trị viên" in check.explanation


def test_length_of_service_reads_the_parameter_of_the_proposal_year():
    service_years(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, 20, since=date(2020, 1, 1))
    service_years(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, 30, since=date(2026, 1, 1))

    assert explain(nominate("service", service_since_year=2004)).status == "passed"  # 21 >= 20 in 2025


def test_length_of_service_is_conferred_once():
    service_years(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, 10)
    person = PersonFactory()
    AwardRecordFactory(
        person=person,
        award=catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL),
        year=2020,
        commendation_type="service",
    )

    assert explain(nominate("service", person=person, service_since_year=1990)).status == "failed"


def test_contribution_needs_years_and_summary():
    service_years(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, 30, kind=ParameterKind.CONTRIBUTION_YEARS)

    passing = explain(nominate("lifetime", service_since_year=1990, achievement="Giám đốc Sở 10 năm."))
    failing = explain(nominate("lifetime", service_since_year=2000))

    assert passing.status == "passed"
    assert failing.status == "failed"
    assert "tóm tắt quá trình cống hiến" in failing.explanation


def test_service_year_after_the_proposal_year_is_refused_by_the_database():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        nominate("service", service_since_year=2030)


# --- Resistance war and foreign --------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["resistance", "foreign"])
def test_resistance_and_foreign_need_the_summary_and_no_history(kind):
    assert explain(nominate(kind, achievement="Thành tích.")).status == "passed"
    assert explain(nominate(kind)).status == "failed"


def test_resistance_war_is_a_type_with_its_vietnamese_label():
    with translation.override("vi"):
        assert str(CommendationType.RESISTANCE.label) == "Kháng chiến"
        assert str(CommendationType.REGULAR.label) == "Thường xuyên (công trạng và thành tích)"
        assert str(CommendationType.THEMATIC.label) == "Theo chuyên đề (đợt)"


def test_an_award_not_used_for_the_type_fails():
    check = explain(nominate("resistance", code=catalogue.GRASSROOTS_FIGHTER, achievement="Thành tích."))

    assert check.status == "failed"
    assert "không được dùng cho khen thưởng thành tích kháng chiến" in check.explanation


def test_each_type_adds_its_documents():
    award = catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL)

    assert types.required_documents(award=award, commendation_type="regular") == {
        "cover_letter",
        "achievement_report",
    }
    assert "evidence" in types.required_documents(award=award, commendation_type="resistance")


# --- The catalogue ---------------------------------------------------------------------------------
TABLE = {  # domain.md's coefficient table: code -> (coefficient, who confers)
    "CSTDTQ": ("4.5", "prime_minister"),
    "CSTDT": ("3.0", "provincial_chairman"),
    "CSTDCS": ("1.0", "unit_head"),
    "LDTT": ("0.3", "unit_head"),
    "TTLDXS": ("1.5", "provincial_chairman"),
    "TTLDTT": ("0.8", "unit_head"),
    "XPTB": ("2.0", "provincial_chairman"),
    "THONVH": ("1.5", "unit_head"),
    "CTD-CP": ("12", "prime_minister"),
    "CTD-T": ("8", "provincial_chairman"),
    "HCSV-TT": ("92", "president"),
    "HCHCM-TT": ("61", "president"),
    "HCDL1-TT": ("30", "president"),
    "HCDL2-TT": ("25", "president"),
    "HCLD1-TT": ("18", "president"),
    "HCLD2-TT": ("15", "president"),
    "HCLD3-TT": ("9", "president"),
    "HCLD1-CN": ("9", "president"),
    "HCLD2-CN": ("7.5", "president"),
    "HCLD3-CN": ("4.5", "president"),
    "BKTTG-TT": ("7", "prime_minister"),
    "BKTTG-CN": ("3.5", "prime_minister"),
    "BKCT-TT": ("3", "provincial_chairman"),
    "BKCT-CN": ("1.5", "provincial_chairman"),
    "GK-TT": ("0.6", "unit_head"),
    "GK-CN": ("0.3", "unit_head"),
}
LEVEL_OF = {"president": "national", "prime_minister": "national", "provincial_chairman": "provincial"}


def test_catalogue_holds_every_award_of_the_table_with_coefficient_and_authority():
    entries = catalogue.BY_CODE
    assert set(TABLE) <= set(entries)
    for code, (coefficient, authority) in TABLE.items():
        entry = entries[code]
        assert (Decimal(entry.coefficient), entry.conferred_by) == (Decimal(coefficient), authority), code
        assert entry.level == LEVEL_OF.get(authority, "grassroots"), code
        assert ConferringAuthority(entry.conferred_by)
    assert {entry.code for entry in catalogue.CATALOGUE if entry.conferred_by in ("president", "prime_minister")} == {
        code for code, (_c, authority) in TABLE.items() if authority in ("president", "prime_minister")
    }


def test_demo_seed_enters_the_catalogue_coefficients_as_dated_parameters():
    from awards.domain.demo import seed_catalogue

    awards = seed_catalogue()

    government_flag = awards[catalogue.GOVERNMENT_FLAG]
    assert government_flag.conferred_by == "prime_minister" and government_flag.is_proposed_upward
    assert LegalParameter.objects.get(kind="coefficient", award=government_flag).value == Decimal("12")


def test_install_catalogue_adds_missing_awards_once_and_keeps_edits():
    # The migration already installed the catalogue in the test database: an older installation lacks these.
    missing = [catalogue.GOVERNMENT_FLAG, "HCSV-TT", "BKTTG-CN"]
    Award.objects.filter(code__in=missing).delete()
    edited = catalogue_award(catalogue.ADVANCED_WORKER)
    Award.objects.filter(pk=edited.pk).update(name="Lao động tiên tiến (đã sửa)", conferred_by="provincial_chairman")
    own = Award.objects.create(
        code="RIENG", name="Danh hiệu riêng", recipient_kind="individual", category="title", level="grassroots"
    )

    first = catalogue.install_catalogue(award_model=Award, parameter_model=LegalParameter)
    counts = (Award.objects.count(), LegalParameter.objects.count())
    second = catalogue.install_catalogue(award_model=Award, parameter_model=LegalParameter)

    assert sorted(first) == sorted(missing)
    assert second == []
    assert (Award.objects.count(), LegalParameter.objects.count()) == counts
    edited.refresh_from_db()
    own.refresh_from_db()
    assert edited.name == "Lao động tiên tiến (đã sửa)" and edited.conferred_by == "unit_head"
    assert own.conferred_by == "unit_head"
    assert LegalParameter.objects.get(award__code="HCSV-TT", kind="coefficient").value == Decimal("92")
    assert Award.objects.search("co thi dua chinh phu").get().code == catalogue.GOVERNMENT_FLAG


def test_the_migration_function_runs_with_historical_models_twice():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("awards.migrations.0007_commendation_types_catalogue")
    Award.objects.filter(code="THONVH").delete()
    migration.add_missing_awards(apps, None)
    assert Award.objects.get(code="THONVH").conferred_by == "unit_head"
    count = Award.objects.count()
    migration.add_missing_awards(apps, None)

    assert Award.objects.count() == count >= len(catalogue.CATALOGUE)


def test_a_years_parameter_names_its_award():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        LegalParameter.objects.create(kind="service_years", value=10, effective_from=date(2024, 1, 1))


# --- The catalogue page: constant queries ----------------------------------------------------------
CATALOGUE_URLS = [
    "/awards/catalogue/",
    "/awards/catalogue/?q=huan+chuong&conferred_by=president",
    "/awards/catalogue/?commendation_type=special&level=national",
]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def measure(cast):
    counts = {}
    with rolled_back():
        client = signed_in_client(cast["officer"])
        catalogue_award("HCLD3-TT")
        one_row = {url: queries_for(client, url) for url in CATALOGUE_URLS}
        for entry in catalogue.CATALOGUE:
            award = catalogue_award(entry.code)
            LegalParameter.objects.get_or_create(
                kind="coefficient", award=award, effective_from=date(2025, 7, 1), defaults={"value": 1}
            )
        for code in ("BKCT-CN", "GK-CN"):
            service_years(code, 20)
        many_rows = {url: queries_for(client, url) for url in CATALOGUE_URLS}
        page = client.get("/awards/catalogue/?conferred_by=president").content.decode()
        counts = {url: (one_row[url], many_rows[url]) for url in CATALOGUE_URLS}
    return {"counts": counts, "page": page}


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize("url", CATALOGUE_URLS)
def test_catalogue_page_runs_constant_queries(shared_data, url):
    one_row, many_rows = shared_data.objects["counts"][url]

    assert many_rows == one_row


def test_catalogue_page_shows_authority_and_coefficient(shared_data):
    page = shared_data.objects["page"]

    assert "Huân chương Sao vàng (tập thể)" in page
    assert "Bằng khen của Chủ tịch UBND tỉnh" not in page


# --- The nominee form and its correction -----------------------------------------------------------
def test_nominee_form_asks_the_service_year_only_where_the_type_needs_it(unit_officer):
    from awards.forms import NomineeForm

    service = ProposalFactory(unit=unit_officer.unit, commendation_type="service")
    special = ProposalFactory(unit=unit_officer.unit, commendation_type="special")

    assert "service_since_year" in NomineeForm(proposal=service, user=unit_officer).fields
    special_form = NomineeForm(proposal=special, user=unit_officer)
    assert "service_since_year" not in special_form.fields
    assert special_form.fields["achievement"].required


def test_unit_adds_a_length_of_service_nominee_with_the_year_and_it_is_checked(client_as, unit_officer):
    service_years(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, 25)
    proposal = ProposalFactory(unit=unit_officer.unit, commendation_type="service")
    person = PersonFactory(unit=unit_officer.unit)
    award = catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL)
    client = client_as(unit_officer)

    client.post(
        f"/awards/proposals/{proposal.pk}/nominees/add/",
        {"award": award.pk, "person": person.pk, "service_since_year": "2010"},
    )
    refused = client.post(
        f"/awards/proposals/{proposal.pk}/nominees/add/",
        {"award": award.pk, "person": PersonFactory(unit=unit_officer.unit).pk, "service_since_year": "2030"},
    )

    nominee = proposal.nominees.get()
    assert (nominee.service_since_year, nominee.eligibility_status) == (2010, "failed")  # 15 < 25 years
    assert refused.status_code == 302 and proposal.nominees.count() == 1
    page = client.get(f"/awards/proposals/{proposal.pk}/").content.decode()
    assert "Công tác từ năm 2010" in page and "15 năm công tác kể từ năm 2010" in page
    assert 'name="service_since_year"' in page


def test_correcting_the_service_year_checks_again():
    from awards.domain.corrections import correct_nominee

    service_years(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, 25)
    nominee = nominate("service", service_since_year=2010)
    officer = nominee.proposal.created_by

    corrected = correct_nominee(
        nominee=nominee,
        achievement="",
        is_household=False,
        initiative=None,
        by=officer,
        service_since_year=1995,
    )

    assert (corrected.service_since_year, corrected.eligibility_status) == (1995, "passed")


def test_conferring_authority_must_match_the_level():
    from django.core.exceptions import ValidationError

    award = catalogue_award(catalogue.GOVERNMENT_FLAG)
    award.full_clean()
    award.conferred_by = "provincial_chairman"

    with pytest.raises(ValidationError), translation.override("vi"):
        award.full_clean()
