"""Role x URL matrix for the set-up pages (officers only; administrators are officers by the rules).
The unit officer's unit leads the term `term`: a lead still cannot set up its own term. Each denial
leaves the data untouched."""

from django.urls import reverse

from clusters.enums import ClusterKind, CriterionKind, OrganisingLevel, PhaseKind
from clusters.models import ClusterMember, CriterionGroup, TermMember
from tests.factories.clusters import scored_term
from tests.factories.directory import UnitFactory
from tests.permissions import OFFICERS, built_once_per_module, matrix_cases, run_matrix_case

# (url name, object key, method, roles allowed, status when allowed)
MATRIX = [
    ("clusters:cluster_create", None, "get", OFFICERS, 200),
    ("clusters:cluster_create", None, "post", OFFICERS, 302),
    ("clusters:cluster_update", "cluster", "get", OFFICERS, 200),
    ("clusters:cluster_update", "cluster", "post", OFFICERS, 302),
    ("clusters:cluster_members", "cluster", "get", OFFICERS, 200),
    ("clusters:cluster_member_add", "cluster", "post", OFFICERS, 302),
    ("clusters:cluster_member_end", "cluster_member", "get", OFFICERS, 200),
    ("clusters:cluster_member_end", "cluster_member", "post", OFFICERS, 302),
    ("clusters:cluster_member_remove", "cluster_member", "get", OFFICERS, 200),
    ("clusters:cluster_member_remove", "cluster_member", "post", OFFICERS, 302),
    ("clusters:term_create", "cluster", "get", OFFICERS, 200),
    ("clusters:term_create", "cluster", "post", OFFICERS, 302),
    ("clusters:term_setup", "term", "get", OFFICERS, 200),
    ("clusters:term_setup", "term", "post", OFFICERS, 302),
    ("clusters:term_members", "term", "get", OFFICERS, 200),
    ("clusters:term_member_add", "term", "post", OFFICERS, 302),
    ("clusters:term_member_remove", "term_member", "get", OFFICERS, 200),
    ("clusters:term_member_remove", "term_member", "post", OFFICERS, 302),
    ("clusters:term_phases", "term", "get", OFFICERS, 200),
    ("clusters:term_phases", "term", "post", OFFICERS, 302),
    ("clusters:phase_move", "term", "post", OFFICERS, 302),
    ("clusters:phase_delete", "phase", "get", OFFICERS, 200),
    ("clusters:phase_delete", "phase", "post", OFFICERS, 302),
    ("clusters:term_criteria", "term", "get", OFFICERS, 200),
    ("clusters:group_create", "term", "get", OFFICERS, 200),
    ("clusters:group_create", "term", "post", OFFICERS, 302),
    ("clusters:group_update", "group", "get", OFFICERS, 200),
    ("clusters:group_update", "group", "post", OFFICERS, 302),
    ("clusters:group_delete", "empty_group", "get", OFFICERS, 200),
    ("clusters:group_delete", "empty_group", "post", OFFICERS, 302),
    ("clusters:group_move", "group", "post", OFFICERS, 302),
    ("clusters:criterion_create", "term", "get", OFFICERS, 200),
    ("clusters:criterion_create", "term", "post", OFFICERS, 302),
    ("clusters:criterion_update", "criterion", "get", OFFICERS, 200),
    ("clusters:criterion_update", "criterion", "post", OFFICERS, 302),
    ("clusters:criterion_delete", "criterion", "get", OFFICERS, 200),
    ("clusters:criterion_delete", "criterion", "post", OFFICERS, 302),
    ("clusters:criterion_move", "criterion", "post", OFFICERS, 302),
]


def build_objects(cast):
    term = scored_term(lead_unit=cast["member_unit"], members=4, criteria=2, groups=1, phase=PhaseKind.COMPACT)
    cluster_member = ClusterMember.objects.create(cluster=term.cluster, unit=term.unit_list[1], from_year=2020)
    group = CriterionGroup.objects.get(term=term)
    empty_group = CriterionGroup.objects.create(term=term, title="Nhóm trống", position=5)
    newcomer = UnitFactory()
    return {
        "term": {"pk": term.pk},
        "cluster": {"pk": term.cluster_id},
        "cluster_member": {"pk": cluster_member.pk},
        "term_member": {"pk": TermMember.objects.get(term=term, unit=term.unit_list[3]).pk},
        "phase": {"pk": term.phases.get(kind=PhaseKind.RESULTS).pk},
        "group": {"pk": group.pk},
        "empty_group": {"pk": empty_group.pk},
        "criterion": {"pk": term.criterion_list[1].pk},
        "data": {
            "group": group.pk,
            "units": [unit.pk for unit in term.unit_list],
            "lead": cast["member_unit"].pk,
            "deputy": term.unit_list[1].pk,
            "newcomer": newcomer.pk,
        },
    }


shared_data = built_once_per_module(build_objects)


def form_data(url_name, data):
    criterion = {
        "group": data["group"],
        "code": "9",
        "title": "Tiêu chí mới",
        "kind": CriterionKind.BONUS,
        "max_points": "5",
        "target_share": "0,5",
        "full_at_ratio": "1,2",
    }
    return {
        "clusters:cluster_create": {
            "kind": ClusterKind.BLOC,
            "name": "Khối mới",
            "organising_level": OrganisingLevel.PROVINCIAL,
        },
        "clusters:cluster_update": {
            "kind": ClusterKind.CLUSTER,
            "name": "Cụm đổi tên",
            "organising_level": OrganisingLevel.PROVINCIAL,
        },
        "clusters:cluster_member_add": {"unit": data["newcomer"], "from_year": "2024"},
        "clusters:cluster_member_end": {"to_year": "2025"},
        "clusters:term_create": {
            "year": "2027",
            "lead_unit": data["lead"],
            "members": data["units"],
            "copy_criteria": "on",
        },
        "clusters:term_setup": {
            "lead_unit": data["lead"],
            "deputy_unit": data["deputy"],
            "tie_break": "group_deductions",
            "vote_candidates": "3",
            "certificate_count": "2",
        },
        "clusters:term_member_add": {"unit": data["newcomer"]},
        "clusters:term_phases": {"kind": PhaseKind.RESULTS, "starts_on": "01/12/2030", "ends_on": "31/12/2030"},
        "clusters:phase_move": {"kind": PhaseKind.SELF_ASSESSMENT},
        "clusters:group_create": {"title": "Nhóm mới"},
        "clusters:group_update": {"title": "Nhóm đổi tên"},
        "clusters:group_move": {"direction": "down"},
        "clusters:criterion_create": criterion,
        "clusters:criterion_update": criterion,
        "clusters:criterion_move": {"direction": "up"},
    }.get(url_name, {})


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    objects = shared_data.objects
    url = reverse(url_name, kwargs=objects[key] if key else None)

    run_matrix_case(
        client_as(cast[role]), role, url, method, form_data(url_name, objects["data"]), allowed, allowed_status
    )
