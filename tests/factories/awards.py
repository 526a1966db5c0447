from datetime import date
from decimal import Decimal

import factory

from awards.domain import catalogue
from awards.models import (
    Award,
    AwardRecord,
    CouncilSession,
    DisciplineCase,
    Initiative,
    LegalParameter,
    Nominee,
    Proposal,
)
from tests.factories.directory import PersonFactory, UnitFactory, UserFactory


def catalogue_award(code):
    """The catalogue's award `code`, with its coefficient from 1/7/2025 (created once)."""
    for row in catalogue.CATALOGUE:
        if row.code == code:
            award, created = Award.objects.get_or_create(
                code=code,
                defaults={
                    "name": row.name,
                    "recipient_kind": row.kind,
                    "category": row.category,
                    "level": row.level,
                    "conferred_by": row.conferred_by,
                    "commendation_types": row.types,
                    "rule": row.rule,
                    "vote_rule": row.vote_rule,
                    "required_documents": row.documents,
                    "rank": row.rank,
                },
            )
            if created:
                LegalParameter.objects.create(
                    kind="coefficient", award=award, value=Decimal(row.coefficient), effective_from=date(2024, 1, 1)
                )
            return award
    raise KeyError(code)


def legal_parameters():
    """Base salary 2,340,000 from 1/7/2024, thresholds 80% / 90% and quorum 80%."""
    for kind, value, since in (
        ("base_salary", catalogue.BASE_SALARY, catalogue.BASE_SALARY_FROM),
        ("threshold_standard", catalogue.THRESHOLD_STANDARD, date(2024, 1, 1)),
        ("threshold_high", catalogue.THRESHOLD_HIGH, date(2024, 1, 1)),
        ("quorum", catalogue.QUORUM, date(2024, 1, 1)),
    ):
        LegalParameter.objects.get_or_create(kind=kind, award=None, effective_from=since, defaults={"value": value})


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Đề nghị khen thưởng số {n}")
    year = 2025
    commendation_type = "regular"


class NomineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nominee

    proposal = factory.SubFactory(ProposalFactory)
    person = factory.SubFactory(PersonFactory)
    award = factory.LazyFunction(lambda: catalogue_award(catalogue.ADVANCED_WORKER))
    year = factory.SelfAttribute("proposal.year")


class AwardRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecord

    person = factory.SubFactory(PersonFactory)
    recipient_name = factory.LazyAttribute(lambda record: record.person.full_name if record.person else "Tập thể")
    unit = factory.LazyAttribute(lambda record: record.person.unit if record.person else None)
    award = factory.LazyFunction(lambda: catalogue_award(catalogue.GRASSROOTS_FIGHTER))
    year = 2024
    source = "import"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    title = factory.Sequence(lambda n: f"Sáng kiến số {n}")
    person = factory.SubFactory(PersonFactory)
    scope = "provincial"
    recognised_on = date(2025, 5, 1)


class DisciplineCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisciplineCase

    kind = "discipline"
    person = factory.SubFactory(PersonFactory)
    opened_on = date(2025, 3, 1)


class CouncilSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilSession

    held_on = date(2025, 12, 20)
    member_count = 10
    present_count = 9
    created_by = factory.SubFactory(UserFactory)
