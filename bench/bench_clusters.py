"""Clusters: a 60-member term scored on 40 criteria (4 groups of 10), in a directory of 10,000 more
units. The exact ranking (one query), the ranking page and its Excel export, the lead's review pages,
and the officer's set-up pages (term set-up, members, phases, criteria, the new-term page proposing a
copy of the previous year's term, the cluster's member units, the unit autocomplete), each beside the
Django admin page over the same rows, timed in turns with it (so a busy machine slows both alike):
"/ admin" in the notes is our median divided by admin's, and "queries" the number of SQL queries of
one request. Admin pages are signed in as a superuser, ours as the provincial officer (the lead for
its pages)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.domain.ranking import ranking
from clusters.models import (
    Cluster,
    CriterionGroup,
)
from directory.enums import UnitKind
from directory.models import Unit, User
from portal.text import fold

from .data import cluster_term
from .harness import measure, measure_together, signed_in_client

MEMBERS = 60
GROUPS = 4
CRITERIA_PER_GROUP = 10
DIRECTORY = 10_000
YEAR = 2026
USERS = ["bench-cluster-lead", "bench-cluster-officer", "bench-cluster-admin"]


def _cleanup():
    Cluster.objects.filter(name="Cụm benchmark").delete()
    User.objects.filter(username__in=USERS).delete()
    Unit.objects.filter(code__startswith="BENCH-CL-").delete()


def _units():
    members = [
        Unit(name=f"Tỉnh benchmark {n:02d}", kind=UnitKind.PROVINCE, code=f"BENCH-CL-{n}") for n in range(MEMBERS)
    ]
    directory = [
        Unit(name=f"Sở Nội vụ số {n} Hà Nội {n % 97}", kind=UnitKind.DEPARTMENT, code=f"BENCH-CL-D{n}")
        for n in range(DIRECTORY)
    ]
    for unit in members + directory:  # bulk_create skips save(), which fills the folded search text
        unit.search_text = fold(f"{unit.name} {unit.code}")
    Unit.objects.bulk_create(directory, batch_size=2000)
    return Unit.objects.bulk_create(members)


def _beside(ours, *admins):
    """Note our median over each admin page's on our row (the first admin page is "admin", the
    next ones "admin 2", ...), and return our row followed by the admin rows."""
    ratios = [
        f"/ admin{f' {n}' if n > 1 else ''} = {ours.median_ms / admin.median_ms:.2f}x"
        for n, admin in enumerate(admins, start=1)
    ]
    ours.notes = "; ".join([ours.notes, *ratios] if ours.notes else ratios)
    for n, admin in enumerate(admins, start=1):
        admin.name = f"admin{f' {n}' if n > 1 else ''}: {admin.name}"
    return [ours, *admins]


def _noted(ours, admin):
    """Our row with its ratio to an admin row shown elsewhere in the table."""
    ours.notes += f"; / admin = {ours.median_ms / admin.median_ms:.2f}x (the term's sheets list)"
    return ours


def _term_create_post(client, term, units):
    years = iter(range(YEAR + 1, YEAR + 100))

    def post():
        response = client.post(
            f"/clusters/{term.cluster_id}/terms/new/",
            {
                "year": next(years),
                "lead_unit": units[2].pk,
                "deputy_unit": units[3].pk,
                "members": [unit.pk for unit in units],
                "copy_from": term.pk,
                "copy_criteria": "on",
                "copy_phases": "on",
            },
        )
        assert response.status_code == 302, response.status_code  # created, redirected to its set-up page

    return post


def run():
    _cleanup()
    units = _units()
    term, sheets = cluster_term(units, year=YEAR, groups=GROUPS, criteria_per_group=CRITERIA_PER_GROUP)
    lead = User.objects.create(username="bench-cluster-lead", unit=units[0], is_unit_officer=True)
    officer = User.objects.create(username="bench-cluster-officer", is_provincial_officer=True)
    superuser = User.objects.create(username="bench-cluster-admin", is_staff=True, is_superuser=True)
    as_lead, as_officer, as_admin = (signed_in_client(user) for user in (lead, officer, superuser))
    size = f"{MEMBERS} members x {GROUPS * CRITERIA_PER_GROUP} criteria"
    groups = ",".join(str(pk) for pk in CriterionGroup.objects.filter(term=term).values_list("pk", flat=True))

    def page(client, url, name, notes=""):
        """(name, a GET of `url` that must answer 200, notes with the request's query count)."""

        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        with CaptureQueriesContext(connection) as queries:
            get()
        counted = f"{len(queries)} queries"
        return name, get, f"{notes}; {counted}" if notes else counted

    def beside(ours, *admins, repeat=15):
        """Our page and the admin pages timed in turns, our row noting its ratio to each."""
        measured = measure_together([ours, *admins], repeat=repeat)
        return _beside(measured[0], *measured[1:])

    term_url, cluster_url = f"/clusters/terms/{term.pk}", f"/clusters/{term.cluster_id}"
    ranking_page, queue_page, admin_sheets = measure_together(
        [
            page(as_lead, f"{term_url}/ranking/", "ranking page", size),
            page(as_lead, f"{term_url}/review/", "lead's review queue page", size),
            page(as_admin, f"/admin/clusters/sheet/?term__id__exact={term.pk}", "the term's sheets (list)"),
        ],
        repeat=15,
    )
    results = [
        measure("ranking (domain function, one query)", lambda: ranking(term=term), repeat=25, notes=size),
        *_beside(ranking_page, admin_sheets),
        _noted(queue_page, admin_sheets),
        *measure_together([page(as_lead, f"{term_url}/ranking/?format=xlsx", "ranking to Excel", size)], repeat=7),
        *measure_together(
            [
                page(
                    as_lead,
                    f"/clusters/sheets/{sheets[1].pk}/review/",
                    "lead's review page of one sheet",
                    "40 criteria",
                )
            ],
            repeat=15,
        ),  # a member's sheet, not the lead's own
        *beside(
            page(as_officer, f"{term_url}/setup/", "term set-up page", size),
            page(as_admin, f"/admin/clusters/term/{term.pk}/change/", "term change page (phase, member inlines)"),
            repeat=9,
        ),
        *beside(
            page(as_officer, f"{term_url}/setup/members/", "term members page", f"{MEMBERS} members"),
            page(as_admin, f"/admin/clusters/termmember/?term__id__exact={term.pk}", "the term's members (list)"),
        ),
        *beside(
            page(as_officer, f"{term_url}/setup/phases/", "phases page", "5 phases"),
            page(as_admin, f"/admin/clusters/phase/?term__id__exact={term.pk}", "the term's phases (list)"),
        ),
        *beside(
            page(as_officer, f"{term_url}/setup/criteria/", "criteria page", "4 groups, 40 criteria"),
            page(as_admin, f"/admin/clusters/criterion/?group__id__in={groups}", "the term's criteria (list)"),
        ),
        *beside(
            page(
                as_officer,
                f"{cluster_url}/terms/new/",
                "new-term page (proposes a copy of the previous year's)",
                f"{MEMBERS} members proposed",
            ),
            page(as_admin, "/admin/clusters/term/add/", "term add page"),
        ),
        measure(
            "create the next year's term from this one (POST)",
            _term_create_post(as_officer, term, units),
            repeat=5,
            notes=f"copies {MEMBERS} members, 40 criteria, 5 phases, each row audited; no admin equivalent",
        ),
        *beside(
            page(as_officer, f"{cluster_url}/members/", "cluster's member units page", f"{MEMBERS} units"),
            page(as_admin, f"/admin/clusters/cluster/{term.cluster_id}/change/", "cluster change page"),
        ),
        *beside(
            page(
                as_officer,
                "/directory/units/autocomplete/?q=ha+noi+9",
                "unit autocomplete 'ha noi 9' (first 20)",
                f"{DIRECTORY + MEMBERS:,} units",
            ),
            page(
                as_admin,
                "/admin/autocomplete/?app_label=clusters&model_name=termmember&field_name=unit&term=h%C3%A0+n%E1%BB%99i+9",
                "its unit autocomplete 'hà nội 9' (the term member's unit)",
            ),
            page(as_admin, "/admin/directory/unit/?q=h%C3%A0+n%E1%BB%99i+9", "unit list search 'hà nội 9'"),
        ),
    ]
    _cleanup()
    return results
