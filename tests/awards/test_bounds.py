"""Unit boundaries (issue 12, item 4): a unit officer proposes only its own people and units, links
only the terms and movements it takes part in, and learns nothing of other units' dossiers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.domain import AwardsError, catalogue, workflow
from awards.domain.imports import NOMINEE_HEADERS, import_nominees
from awards.forms import NomineeForm, ProposalForm
from awards.models import Nominee
from portal.imports import ImportFailed
from portal.text import fold
from portal.xlsx import workbook_bytes
from tests.factories.awards import NomineeFactory, ProposalFactory, catalogue_award
from tests.factories.clusters import TermFactory, TermMemberFactory
from tests.factories.directory import PersonFactory, UnitFactory
from tests.factories.movements import MovementReviewFactory, RegistrationFactory
from tests.permissions import snapshot

pytestmark = pytest.mark.django_db


def xlsx(rows):
    return SimpleUploadedFile("danh-sach.xlsx", workbook_bytes([("Trang 1", NOMINEE_HEADERS, rows)]))


@pytest.fixture
def world(member_unit, parameters):
    """The member unit with a sub-unit and one of its people; another unit with a person of its own."""
    sub_unit = UnitFactory(name="Trường THPT Lương Văn Tụy", code="NB-LVT", parent=member_unit)
    other = UnitFactory(name="Sở Y tế tỉnh Hà Nam", code="HN-SYT")
    return {
        "own_person": PersonFactory(full_name="Phạm Thị Lan", unit=member_unit),
        "sub_unit": sub_unit,
        "other": other,
        "other_person": PersonFactory(full_name="Nguyễn Văn Khác", unit=other),
        "fighter": catalogue_award(catalogue.GRASSROOTS_FIGHTER),
        "collective": catalogue_award(catalogue.ADVANCED_COLLECTIVE),
    }


def test_a_unit_officers_import_naming_another_unit_is_refused_and_writes_nothing(unit_officer, officer, world):
    proposal = ProposalFactory(unit=unit_officer.unit, year=2025)
    own_code = unit_officer.unit.code
    rows = [
        ["Phạm Thị Lan", own_code, "CSTDCS", "Giáo viên giỏi", "Có"],  # 2: own person
        ["Trường THPT Lương Văn Tụy", "NB-LVT", "TTLDTT", "", ""],  # 3: own sub-unit
        ["Nguyễn Văn Khác", "HN-SYT", "CSTDCS", "", ""],  # 4: another unit's person, by its code
        ["Nguyễn Văn Khác", own_code, "CSTDCS", "", ""],  # 5: another unit's person, under our code
        ["Người Lạ", own_code, "CSTDCS", "", ""],  # 6: nobody
        ["Sở Y tế tỉnh Hà Nam", "HN-SYT", "TTLDTT", "", ""],  # 7: another unit
        ["Không có", "ZZ-KHONG", "TTLDTT", "", ""],  # 8: no such unit
    ]
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_nominees(proposal=proposal, uploaded_file=xlsx(rows), by=unit_officer)

    assert snapshot() == before
    errors = {error.row: str(error.message) for error in failure.value.errors}
    assert set(errors) == {4, 5, 6, 7, 8}
    assert errors[4] == '"HN-SYT" không phải mã của đơn vị mình hoặc của một đơn vị trực thuộc.'
    assert errors[7] == errors[4]
    # The same sentence whether the code exists elsewhere or nowhere, the name elsewhere or nowhere.
    assert errors[8] == errors[4].replace("HN-SYT", "ZZ-KHONG")
    assert errors[5] == f"Nguyễn Văn Khác chưa có trong danh bạ của {unit_officer.unit}."
    assert errors[6] == errors[5].replace("Nguyễn Văn Khác", "Người Lạ")

    # Without the refused rows the unit's list goes in; the office imports another unit's person.
    result = import_nominees(proposal=proposal, uploaded_file=xlsx(rows[:2]), by=unit_officer)
    office = import_nominees(
        proposal=ProposalFactory(unit=unit_officer.unit, year=2025), uploaded_file=xlsx([rows[2]]), by=officer
    )
    assert (result.created, office.created) == (2, 1)
    assert set(Nominee.objects.filter(proposal=proposal).values_list("person__full_name", "unit__code")) == {
        ("Phạm Thị Lan", None),
        (None, "NB-LVT"),
    }


def test_the_nominee_form_offers_and_accepts_only_the_units_own(client_as, unit_officer, officer, world):
    proposal = ProposalFactory(unit=unit_officer.unit, year=2025)
    fighter, collective = world["fighter"].pk, world["collective"].pk

    def form(user, **data):
        return NomineeForm({"award": fighter, **data}, proposal=proposal, user=user)

    assert form(unit_officer, person=world["own_person"].pk).is_valid()
    assert NomineeForm(
        {"award": collective, "unit": world["sub_unit"].pk}, proposal=proposal, user=unit_officer
    ).is_valid()
    refused = "Hãy chọn người hoặc đơn vị thuộc đơn vị mình: đơn vị chỉ đề nghị khen thưởng người và đơn vị của mình."
    assert refused in form(unit_officer, person=world["other_person"].pk).errors["person"]
    assert refused in form(unit_officer, unit=world["other"].pk).errors["unit"]
    # Typed without JavaScript: someone of another unit reads as nobody.
    typed_other = form(unit_officer, person__search="Nguyễn Văn Khác").errors["person"][0]
    typed_nobody = form(unit_officer, person__search="Người Lạ").errors["person"][0]
    assert typed_other == typed_nobody.replace("Người Lạ", "Nguyễn Văn Khác")
    assert form(unit_officer, person__search="phạm thị lan").is_valid()
    assert form(officer, person=world["other_person"].pk).is_valid()

    # The page lists no one: the select holds only the chosen option, suggestions come from the endpoints.
    page = client_as(unit_officer).get(reverse("awards:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Phạm Thị Lan" not in page and "Nguyễn Văn Khác" not in page
    assert reverse("awards:nominee_people", args=[proposal.pk]) in page

    def suggested(user, name, query):
        url = reverse(name, args=[proposal.pk])
        return {row["text"] for row in client_as(user).get(url, {"q": query}).json()["results"]}

    assert suggested(unit_officer, "awards:nominee_people", "") == {f"Phạm Thị Lan – {unit_officer.unit}"}
    assert suggested(unit_officer, "awards:nominee_people", "khac") == set()
    assert suggested(officer, "awards:nominee_people", "khac") == {f"Nguyễn Văn Khác – {world['other']}"}
    units = suggested(unit_officer, "awards:nominee_units", "")
    assert units == {str(unit_officer.unit.display_name), str(world["sub_unit"].display_name)}

    # Posted past the page: refused, nothing written.
    client_as(unit_officer).post(
        reverse("awards:nominee_add", args=[proposal.pk]), {"award": fighter, "person": world["other_person"].pk}
    )
    assert not Nominee.objects.exists()


def test_a_unit_links_only_the_terms_and_movements_it_takes_part_in(client_as, unit_officer, officer, member_unit):
    term, foreign_term = TermFactory(year=2025), TermFactory(year=2025)
    TermMemberFactory(term=term, unit=member_unit)
    review, foreign_review = MovementReviewFactory(), MovementReviewFactory()
    RegistrationFactory(movement=review.movement, unit=member_unit)
    participant_review = MovementReviewFactory()
    participant_review.movement.participants.add(member_unit)

    def form(user, **links):
        data = {"unit": member_unit.pk, "title": "Đề nghị", "commendation_type": "regular", "year": 2025}
        return ProposalForm({**data, **links}, user=user)

    assert form(unit_officer, cluster_term=term.pk, movement_review=review.pk).is_valid()
    assert form(unit_officer, movement_review=participant_review.pk).is_valid()
    refused = form(unit_officer, cluster_term=foreign_term.pk, movement_review=foreign_review.pk)
    assert refused.errors == {
        "cluster_term": [
            "Đơn vị không phải thành viên của kỳ thi đua cụm, khối này: hồ sơ chỉ gắn với kỳ mà đơn vị đề nghị là "
            "thành viên."
        ],
        "movement_review": [
            "Đơn vị không tham gia phong trào thi đua này: hồ sơ chỉ gắn với đợt sơ kết, tổng kết của phong trào mà "
            "đơn vị đề nghị tham gia."
        ],
    }
    # The form lists none of them: its autocompletes suggest only what the unit may link.
    rendered = str(form(unit_officer)["cluster_term"]) + str(form(unit_officer)["movement_review"])
    assert str(term) not in rendered and str(review.movement) not in rendered

    def suggested(user, name, query=""):
        return [row["id"] for row in client_as(user).get(reverse(name), {"q": query}).json()["results"]]

    assert suggested(unit_officer, "awards:term_suggestions") == [term.pk]
    assert set(suggested(unit_officer, "awards:review_suggestions")) == {review.pk, participant_review.pk}
    assert set(suggested(officer, "awards:term_suggestions")) == {term.pk, foreign_term.pk}
    folded = suggested(officer, "awards:review_suggestions", fold(foreign_review.movement.name).upper())
    assert folded == [foreign_review.pk]  # the movement's name without its diacritics
    assert form(officer, cluster_term=foreign_term.pk, movement_review=foreign_review.pk).is_valid()


def test_the_duplicate_message_names_the_dossier_only_to_who_may_open_it(client_as, unit_officer, officer, world):
    person = world["own_person"]
    office_dossier = ProposalFactory(unit=officer.unit, year=2025, title="Hồ sơ của Văn phòng")
    NomineeFactory(proposal=office_dossier, person=person, award=world["fighter"], year=2025)
    own = ProposalFactory(unit=unit_officer.unit, year=2025)

    with pytest.raises(AwardsError) as unit_refusal:
        workflow.add_nominee(proposal=own, award=world["fighter"], person=person, by=unit_officer)
    assert unit_refusal.value.message == (f"{person} đã được đề nghị {world['fighter']} năm 2025 trong một hồ sơ khác.")
    with pytest.raises(ImportFailed) as import_refusal:
        import_nominees(
            proposal=own, uploaded_file=xlsx([[person.full_name, person.unit.code, "CSTDCS", "", ""]]), by=unit_officer
        )
    assert "Hồ sơ của Văn phòng" not in str(import_refusal.value.errors[0].message)
    assert "trong một hồ sơ khác" in str(import_refusal.value.errors[0].message)

    named = (
        f"{person} đã được đề nghị {world['fighter']} năm 2025 trong hồ sơ “Hồ sơ của Văn phòng” "
        f"(số {office_dossier.pk}) của {officer.unit}."
    )
    with pytest.raises(ImportFailed) as office_import:
        import_nominees(
            proposal=own, uploaded_file=xlsx([[person.full_name, person.unit.code, "CSTDCS", "", ""]]), by=officer
        )
    assert str(office_import.value.errors[0].message) == named

    client = client_as(officer)
    client.post(reverse("awards:nominee_add", args=[own.pk]), {"award": world["fighter"].pk, "person": person.pk})
    page = client.get(reverse("awards:proposal_detail", args=[own.pk])).content.decode()
    link = f'<a href="{reverse("awards:proposal_detail", args=[office_dossier.pk])}">Hồ sơ của Văn phòng</a>'
    assert link in page
    assert Nominee.objects.filter(proposal=own).count() == 0


def test_the_domain_refuses_what_the_forms_hide(unit_officer, officer, world):
    """Defence in depth: add_nominee and create_proposal check the boundary whoever calls them."""
    proposal = ProposalFactory(unit=unit_officer.unit, year=2025)
    term = TermFactory(year=2025)
    TermMemberFactory(term=term, unit=world["other"])
    before = snapshot()
    with pytest.raises(AwardsError, match="Chỉ được đề nghị cá nhân và đơn vị trực thuộc"):
        workflow.add_nominee(proposal=proposal, award=world["fighter"], person=world["other_person"], by=unit_officer)
    with pytest.raises(AwardsError, match="Chỉ được đề nghị"):
        workflow.add_nominee(proposal=proposal, award=world["collective"], unit=world["other"], by=unit_officer)
    with pytest.raises(AwardsError, match="không phải là thành viên"):
        workflow.create_proposal(
            unit=unit_officer.unit,
            title="Đề nghị",
            year=2025,
            commendation_type="regular",
            by=unit_officer,
            cluster_term=term,
        )
    assert snapshot() == before
    # Within the boundary it works, and the office is not bounded.
    assert workflow.add_nominee(proposal=proposal, award=world["fighter"], person=world["own_person"], by=unit_officer)
    office = ProposalFactory(unit=unit_officer.unit, year=2025)
    assert workflow.add_nominee(proposal=office, award=world["collective"], unit=world["other"], by=officer)
    assert (
        workflow.create_proposal(
            unit=unit_officer.unit,
            title="Đề nghị",
            year=2025,
            commendation_type="regular",
            by=officer,
            cluster_term=term,
        ).cluster_term
        == term
    )


def test_a_rejected_nomination_no_longer_blocks_a_new_one(unit_officer, officer, world):
    first = ProposalFactory(unit=unit_officer.unit, year=2025)
    rejected = NomineeFactory(proposal=first, person=world["own_person"], award=world["fighter"], outcome="rejected")
    pending = ProposalFactory(unit=unit_officer.unit, year=2025)
    again = workflow.add_nominee(proposal=pending, award=world["fighter"], person=world["own_person"], by=unit_officer)
    assert again.pk != rejected.pk and again.year == 2025
    third = ProposalFactory(unit=unit_officer.unit, year=2025)
    with pytest.raises(AwardsError, match="đã được đề nghị"):
        workflow.add_nominee(proposal=third, award=world["fighter"], person=world["own_person"], by=unit_officer)
