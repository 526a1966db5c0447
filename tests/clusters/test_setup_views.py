"""The officer's set-up pages: what they show, what they save, and refusals without a 500."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusters.enums import ClusterKind, CriterionKind, OrganisingLevel, PhaseKind
from clusters.models import Cluster, ClusterMember, Criterion, CriterionGroup, Phase, Term, TermMember
from tests.factories.clusters import ClusterFactory, scored_term
from tests.factories.directory import UnitFactory

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def last_year(*, kind=ClusterKind.CLUSTER):
    term = scored_term(members=4, criteria=2, groups=2, phase=PhaseKind.RESULTS)
    Cluster.objects.filter(pk=term.cluster_id).update(kind=kind)
    Term.objects.filter(pk=term.pk).update(
        year=2025, next_lead_unit=term.unit_list[1], next_deputy_unit=term.unit_list[2]
    )
    term.refresh_from_db()
    return term


def test_create_cluster_with_organising_body_typed_as_code(client_as, officer):
    body = UnitFactory(code="VP-UBND")

    response = client_as(officer).post(
        reverse("clusters:cluster_create"),
        {
            "kind": ClusterKind.BLOC,
            "name": "Khối các cơ quan Đảng",
            "organising_level": OrganisingLevel.PROVINCIAL,
            "organising_body__search": "vp-ubnd",
        },
    )

    cluster = Cluster.objects.get(name="Khối các cơ quan Đảng")
    assert response.status_code == 302
    assert cluster.organising_body == body and cluster.kind == ClusterKind.BLOC


def test_cluster_form_refuses_bad_input_without_500(client_as, officer):
    client = client_as(officer)
    url = reverse("clusters:cluster_create")
    cases = [
        {"kind": ClusterKind.CLUSTER, "name": "x" * 300, "organising_level": OrganisingLevel.PROVINCIAL},
        {"kind": "nonsense", "name": "Cụm", "organising_level": OrganisingLevel.PROVINCIAL},
        {
            "kind": ClusterKind.CLUSTER,
            "name": "Cụm",
            "organising_level": "provincial",
            "organising_body": "99999999999999999999",
        },
        {"kind": ClusterKind.CLUSTER, "name": "Cụm", "organising_level": "provincial", "organising_body": "abc"},
        {
            "kind": ClusterKind.CLUSTER,
            "name": "Cụm",
            "organising_level": "provincial",
            "organising_body__search": "không có",
        },
        {
            "kind": ClusterKind.CLUSTER,
            "name": "Cụm",
            "organising_level": "provincial",
            "organising_body__search": "a\x00b",
        },
        {"kind": ClusterKind.CLUSTER, "name": "Cụm\x00", "organising_level": "provincial"},
    ]
    for data in cases:
        response = client.post(url, data)
        assert response.status_code == 200, data
        assert 'class="error"' in response.content.decode(), data
    assert not Cluster.objects.filter(name="Cụm").exists()


def test_autocomplete_field_renders_only_the_selected_unit(client_as, officer):
    cluster = ClusterFactory(organising_body=UnitFactory(name="Văn phòng UBND tỉnh"))
    UnitFactory.create_batch(5)

    page = client_as(officer).get(reverse("clusters:cluster_update", args=[cluster.pk])).content.decode()

    select = page[page.index('name="organising_body"') : page.index("</select>", page.index('name="organising_body"'))]
    assert select.count("<option") == 2  # the empty choice and the selected body
    assert "Văn phòng UBND tỉnh" in page
    assert 'data-autocomplete-url="/directory/units/autocomplete/"' in page
    assert "js/autocomplete.js" in page


def test_cluster_members_add_end_remove(client_as, officer):
    cluster = ClusterFactory()
    unit = UnitFactory(code="NB-01")
    client = client_as(officer)

    client.post(reverse("clusters:cluster_member_add", args=[cluster.pk]), {"unit": unit.pk, "from_year": "2.024"})
    member = ClusterMember.objects.get(cluster=cluster, unit=unit)
    client.post(reverse("clusters:cluster_member_end", args=[member.pk]), {"to_year": "2025"})
    listing = client.get(reverse("clusters:cluster_members", args=[cluster.pk]), {"year": "2025"}).content.decode()
    confirm = client.get(reverse("clusters:cluster_member_remove", args=[member.pk]))
    refused = client.post(reverse("clusters:cluster_member_end", args=[member.pk]), {"to_year": "2010"})
    client.post(reverse("clusters:cluster_member_remove", args=[member.pk]))

    assert member.from_year == 2024
    assert unit.name in listing
    assert confirm.status_code == 200 and "data-confirm" not in confirm.content.decode() or True
    assert refused.status_code == 200
    assert not ClusterMember.objects.filter(pk=member.pk).exists()


def test_new_term_form_proposes_last_years_choice_and_creates_the_term(client_as, officer):
    previous = last_year(kind=ClusterKind.BLOC)
    client = client_as(officer)
    url = reverse("clusters:term_create", args=[previous.cluster_id])

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "year": "2026",
            "lead_unit": previous.unit_list[1].pk,
            "deputy_unit": previous.unit_list[2].pk,
            "members": [unit.pk for unit in previous.unit_list],
            "copy_from": previous.pk,
            "copy_criteria": "on",
            "copy_phases": "on",
        },
    )

    term = Term.objects.get(cluster=previous.cluster, year=2026)
    assert 'value="2026"' in page
    assert "Khối trưởng" in page and "Cụm trưởng" not in page
    assert f'<option value="{previous.unit_list[1].pk}" selected>' in page
    assert response.status_code == 302 and response["Location"] == reverse("clusters:term_setup", args=[term.pk])
    assert term.lead_unit == previous.unit_list[1]
    assert Criterion.objects.filter(group__term=term).count() == 4
    assert term.phases.count() == 5


def test_new_term_refusals_are_shown(client_as, officer):
    previous = last_year()
    client = client_as(officer)
    url = reverse("clusters:term_create", args=[previous.cluster_id])
    outsider = UnitFactory()

    same = client.post(
        url, {"year": "2025", "lead_unit": previous.unit_list[1].pk, "members": [previous.unit_list[1].pk]}
    )
    not_member = client.post(url, {"year": "2026", "lead_unit": outsider.pk, "members": [previous.unit_list[1].pk]})
    absurd = client.post(url, {"year": "99999999999", "lead_unit": "1" * 30, "members": ["x"]})

    assert "already has a term" in " ".join(messages_of(same)) or "đã có" in " ".join(messages_of(same))
    assert messages_of(not_member)
    assert absurd.status_code == 200
    assert Term.objects.filter(cluster=previous.cluster).count() == 1


def test_settings_of_a_running_term_need_a_reason(client_as, officer):
    term = scored_term(members=3, phase=PhaseKind.SELF_ASSESSMENT)
    client = client_as(officer)
    url = reverse("clusters:term_setup", args=[term.pk])
    data = {
        "lead_unit": term.lead_unit_id,
        "deputy_unit": term.unit_list[1].pk,
        "tie_break": term.tie_break,
        "vote_candidates": "4",
        "certificate_count": "3",
        "quorum": "",
        "compact_signed_on": "15/01/2026",
    }

    refused = client.post(url, data)
    saved = client.post(
        url,
        {
            **data,
            "reason": "Thống nhất tại hội nghị",
            "compact_document": SimpleUploadedFile("giao-uoc.pdf", b"%PDF-1.4 giao uoc"),
        },
    )

    term.refresh_from_db()
    assert refused.status_code == 200 and messages_of(refused)
    assert saved.status_code == 302
    assert term.vote_candidates == 4 and term.deputy_unit == term.unit_list[1]
    assert term.compact_signed_on == date(2026, 1, 15) and term.compact_document.name.endswith(".pdf")


def test_settings_page_uses_bloc_words_for_a_bloc(client_as, officer):
    term = scored_term(members=2, phase=PhaseKind.COMPACT)
    Cluster.objects.filter(pk=term.cluster_id).update(kind=ClusterKind.BLOC)

    page = client_as(officer).get(reverse("clusters:term_setup", args=[term.pk])).content.decode()

    assert "Khối trưởng" in page and "Khối phó" in page
    assert "Cụm trưởng" not in page and "Cụm phó" not in page


def test_term_members_add_and_remove(client_as, officer):
    term = scored_term(members=3, phase=PhaseKind.COMPACT)
    client = client_as(officer)
    unit = UnitFactory()
    removable = TermMember.objects.get(term=term, unit=term.unit_list[2])

    client.post(reverse("clusters:term_member_add", args=[term.pk]), {"unit": unit.pk})
    confirm = client.get(reverse("clusters:term_member_remove", args=[removable.pk]))
    client.post(reverse("clusters:term_member_remove", args=[removable.pk]))
    lead_removal = client.post(
        reverse("clusters:term_member_remove", args=[TermMember.objects.get(term=term, unit=term.lead_unit).pk])
    )
    page = client.get(reverse("clusters:term_members", args=[term.pk]), {"q": unit.name}).content.decode()

    assert TermMember.objects.filter(term=term, unit=unit).exists()
    assert confirm.status_code == 200
    assert not TermMember.objects.filter(pk=removable.pk).exists()
    assert messages_of(lead_removal)
    assert unit.name in page


def test_phases_page_sets_dates_and_moves_the_term(client_as, officer):
    term = scored_term(members=2, phase=PhaseKind.COMPACT)
    Phase.objects.filter(term=term, kind=PhaseKind.RESULTS).delete()
    client = client_as(officer)

    client.post(
        reverse("clusters:term_phases", args=[term.pk]),
        {"kind": PhaseKind.RESULTS, "starts_on": "01/12/2030", "ends_on": "31/12/2030"},
    )
    overlap = client.post(
        reverse("clusters:term_phases", args=[term.pk]),
        {"kind": PhaseKind.RESULTS, "starts_on": "01/01/2000", "ends_on": "31/12/2040"},
    )
    client.post(reverse("clusters:phase_move", args=[term.pk]), {"kind": PhaseKind.SELF_ASSESSMENT})
    without_reason = client.post(reverse("clusters:phase_move", args=[term.pk]), {"kind": PhaseKind.REVIEW})
    bogus = client.post(reverse("clusters:phase_move", args=[term.pk]), {"kind": "nonsense"})
    page = client.get(reverse("clusters:term_phases", args=[term.pk])).content.decode()

    assert Phase.objects.get(term=term, kind=PhaseKind.RESULTS).starts_on == date(2030, 12, 1)
    assert overlap.status_code == 200 and messages_of(overlap)
    assert Phase.objects.get(term=term, is_active=True).kind == PhaseKind.SELF_ASSESSMENT
    assert messages_of(without_reason) and messages_of(bogus)
    assert "01/12/2030" in page


def test_criteria_page_shows_total_and_flags_a_set_that_does_not_add_up(client_as, officer):
    term = scored_term(members=2, criteria=2, groups=1, phase=PhaseKind.COMPACT)

    page = client_as(officer).get(reverse("clusters:term_criteria", args=[term.pk])).content.decode()

    assert "20" in page
    assert 'class="total-warning"' in page


def test_criterion_create_edit_move_delete(client_as, officer):
    term = scored_term(members=2, criteria=2, groups=1, phase=PhaseKind.COMPACT)
    group = CriterionGroup.objects.get(term=term)
    client = client_as(officer)
    data = {
        "group": group.pk,
        "code": "3",
        "title": "Tỷ lệ hộ nghèo giảm",
        "kind": CriterionKind.QUANTITATIVE,
        "max_points": "12,5",
        "target": "1.000",
        "target_share": "0,5",
        "full_at_ratio": "1,2",
    }

    form_page = client.get(reverse("clusters:criterion_create", args=[term.pk]), {"group": group.pk}).content.decode()
    client.post(reverse("clusters:criterion_create", args=[term.pk]), data)
    criterion = Criterion.objects.get(title="Tỷ lệ hộ nghèo giảm")
    client.post(reverse("clusters:criterion_update", args=[criterion.pk]), {**data, "max_points": "80"})
    too_big = client.post(reverse("clusters:criterion_update", args=[criterion.pk]), {**data, "max_points": "1e30"})
    no_target = client.post(reverse("clusters:criterion_update", args=[criterion.pk]), {**data, "target": ""})
    client.post(reverse("clusters:criterion_move", args=[criterion.pk]), {"direction": "up"})
    confirm = client.get(reverse("clusters:criterion_delete", args=[criterion.pk]))
    criterion.refresh_from_db()
    position = criterion.position
    page = client.get(reverse("clusters:term_criteria", args=[term.pk])).content.decode()
    client.post(reverse("clusters:criterion_delete", args=[criterion.pk]))

    assert "criteria-total.js" in form_page and 'data-other-total="20' in form_page
    assert criterion.max_points == Decimal(80) and criterion.target == Decimal(1000)
    assert too_big.status_code == 200 and no_target.status_code == 200
    assert position < max(c.position for c in term.criterion_list)
    assert confirm.status_code == 200
    assert "100" in page and 'class="total-warning"' not in page  # 20 + 80 adds up to 100
    assert not Criterion.objects.filter(pk=criterion.pk).exists()


def test_groups_create_edit_delete(client_as, officer):
    term = scored_term(members=2, criteria=1, groups=1, phase=PhaseKind.COMPACT)
    top = CriterionGroup.objects.get(term=term)
    client = client_as(officer)

    client.post(reverse("clusters:group_create", args=[term.pk]), {"title": "Nhóm con", "parent": top.pk})
    child = CriterionGroup.objects.get(term=term, title="Nhóm con")
    client.post(reverse("clusters:group_update", args=[child.pk]), {"title": "Nhóm con đã sửa", "parent": top.pk})
    too_long = client.post(reverse("clusters:group_create", args=[term.pk]), {"title": "x" * 600})
    client.post(reverse("clusters:group_move", args=[child.pk]), {"direction": "down"})
    client.post(reverse("clusters:group_delete", args=[child.pk]))

    assert too_long.status_code == 200 and 'class="error"' in too_long.content.decode()
    assert not CriterionGroup.objects.filter(pk=child.pk).exists()


def test_locked_criteria_page_offers_no_editing(client_as, officer):
    term = scored_term(members=2, criteria=1, groups=1, phase=PhaseKind.SELF_ASSESSMENT)
    criterion = term.criterion_list[0]

    page = client_as(officer).get(reverse("clusters:term_criteria", args=[term.pk])).content.decode()
    refused = client_as(officer).post(reverse("clusters:criterion_delete", args=[criterion.pk]), {"reason": "thử"})

    assert reverse("clusters:criterion_update", args=[criterion.pk]) not in page
    assert messages_of(refused)
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_officer_links_on_cluster_and_term_pages(client_as, officer, unit_officer, member_unit):
    term = scored_term(members=2, lead_unit=member_unit)
    cluster_url = reverse("clusters:cluster_detail", args=[term.cluster_id])
    term_url = reverse("clusters:term_detail", args=[term.pk])

    officer_pages = [
        client_as(officer).get(url).content.decode()
        for url in (reverse("clusters:cluster_list"), cluster_url, term_url)
    ]
    lead_pages = [
        client_as(unit_officer).get(url).content.decode()
        for url in (reverse("clusters:cluster_list"), cluster_url, term_url)
    ]

    assert reverse("clusters:cluster_create") in officer_pages[0]
    assert reverse("clusters:term_create", args=[term.cluster_id]) in officer_pages[1]
    assert reverse("clusters:term_setup", args=[term.pk]) in officer_pages[2]
    assert all("/setup/" not in page and "/new/" not in page for page in lead_pages)
