"""Clusters: ranking a 60-member term scored on 40 criteria (one query), and the lead's review pages."""

from datetime import date, timedelta
from decimal import Decimal

from clusters.domain.ranking import ranking
from clusters.enums import ClusterKind, CriterionKind, PhaseKind, SheetStatus
from clusters.models import Cluster, Criterion, CriterionGroup, Phase, Score, Sheet, Term, TermMember
from directory.enums import UnitKind
from directory.models import Unit, User
from portal.text import fold

from .harness import measure, signed_in_client

MEMBERS = 60
GROUPS = 4
CRITERIA_PER_GROUP = 10


def _cleanup():
    Cluster.objects.filter(name="Cụm benchmark").delete()
    User.objects.filter(username="bench-cluster-lead").delete()
    Unit.objects.filter(code__startswith="BENCH-CL-").delete()


def run():
    _cleanup()
    units = [
        Unit(name=f"Tỉnh benchmark {n:02d}", kind=UnitKind.PROVINCE, code=f"BENCH-CL-{n}", search_text="")
        for n in range(MEMBERS)
    ]
    for unit in units:
        unit.search_text = fold(f"{unit.name} {unit.code}")
    units = Unit.objects.bulk_create(units)
    cluster = Cluster.objects.create(name="Cụm benchmark", kind=ClusterKind.CLUSTER)
    term = Term.objects.create(cluster=cluster, year=2026, lead_unit=units[0], deputy_unit=units[1])
    TermMember.objects.bulk_create(TermMember(term=term, unit=unit) for unit in units)
    today = date.today()
    Phase.objects.create(
        term=term,
        kind=PhaseKind.REVIEW,
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=3),
        is_active=True,
    )
    criteria = []
    for g in range(GROUPS):
        group = CriterionGroup.objects.create(term=term, title=f"Nhóm {g + 1}", position=g)
        criteria += Criterion.objects.bulk_create(
            Criterion(
                group=group,
                code=f"{g + 1}.{c + 1}",
                title=f"Tiêu chí {g + 1}.{c + 1}",
                kind=CriterionKind.DEDUCTION if c == 9 else CriterionKind.BONUS,
                max_points=Decimal(25),
                position=c,
            )
            for c in range(CRITERIA_PER_GROUP)
        )
    sheets = Sheet.objects.bulk_create(
        Sheet(term=term, unit=unit, status=SheetStatus.ACCEPTED if n != 1 else SheetStatus.SUBMITTED)
        for n, unit in enumerate(units)
    )
    Score.objects.bulk_create(
        Score(
            sheet=sheet,
            criterion=criterion,
            value=Decimal((n * 7 + i * 3) % 25),
            self_points=Decimal((n * 7 + i * 3) % 25) * (-1 if criterion.kind == CriterionKind.DEDUCTION else 1),
            points=Decimal((n * 7 + i * 3) % 25) * (-1 if criterion.kind == CriterionKind.DEDUCTION else 1),
        )
        for n, sheet in enumerate(sheets)
        for i, criterion in enumerate(criteria)
    )
    lead = User.objects.create(username="bench-cluster-lead", unit=units[0], is_unit_officer=True)
    client = signed_in_client(lead)
    notes = f"{MEMBERS} members x {GROUPS * CRITERIA_PER_GROUP} criteria"
    results = [
        measure("ranking (domain function, two queries)", lambda: ranking(term=term), repeat=25, notes=notes),
        measure("ranking page", lambda: client.get(f"/clusters/terms/{term.pk}/ranking/"), repeat=15, notes=notes),
        measure(
            "lead's review queue page", lambda: client.get(f"/clusters/terms/{term.pk}/review/"), repeat=15, notes=notes
        ),
        measure(
            "lead's review page of one sheet",
            lambda: client.get(f"/clusters/sheets/{sheets[1].pk}/review/"),  # not the lead's own sheet
            repeat=15,
            notes="40 criteria",
        ),
    ]
    _cleanup()
    return results
