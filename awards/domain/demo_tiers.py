"""Demo data for the statistical forms (issue 14): position tiers on the demo's individual award
records (the person's tier at conferral), State and provincial awards to enterprises, a business
person, a senior leader and a household, every commendation type including resistance war; and two
individual records left without a tier on purpose (the forms' "check before filing" lists them).
Running it twice changes nothing."""

from directory.enums import PositionTier
from directory.models import Person, Unit

from ..enums import CommendationType, RecordSource
from ..models import AwardRecord
from . import catalogue

FORM_YEAR = 2025
# The demo's people with no tier get one in this rotation (by their key), so every tier is counted.
ROTATION = [
    PositionTier.DIRECT_WORKER,
    PositionTier.OTHER_LEADER,
    PositionTier.DIRECT_WORKER,
    PositionTier.DEPARTMENT_LEADER,
    PositionTier.DIRECT_WORKER,
    PositionTier.BUSINESS,
    PositionTier.DIRECT_WORKER,
    PositionTier.SENIOR_LEADER,
]
# Imported with the name only: nobody knows their tier yet. One on each awards form of the demo year,
# so the check before filing lists them.
WITHOUT_TIER = [
    ("Đỗ Văn Khải", "NB-SNV", catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL),
    ("Bùi Thị Yến", "NB-SGDDT", catalogue.PRIME_MINISTER_CERTIFICATE_INDIVIDUAL),
]
# recipient (person full name or unit code), award code, commendation type, decision number
FORM_RECORDS = [
    ("NB-DN-DETMAY", catalogue.PRIME_MINISTER_CERTIFICATE_COLLECTIVE, CommendationType.REGULAR, "1520/QĐ-TTg"),
    ("NB-DN-DETMAY", catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE, CommendationType.THEMATIC, "2105/QĐ-UBND"),
    ("NB-DN-COKHI", "HCLD3-TT", CommendationType.REGULAR, "845/QĐ-CTN"),
    ("NB-DN-COKHI", catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE, CommendationType.SPECIAL, "2230/QĐ-UBND"),
    ("Đặng Văn Thành", catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, CommendationType.REGULAR, "2105/QĐ-UBND"),
    ("Đặng Văn Thành", catalogue.PRIME_MINISTER_CERTIFICATE_INDIVIDUAL, CommendationType.FOREIGN, "1611/QĐ-TTg"),
    ("Trần Hồng Quân", "HCLD3-CN", CommendationType.LIFETIME, "845/QĐ-CTN"),
    ("Hoàng Thị Nga", catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, CommendationType.SPECIAL, "2230/QĐ-UBND"),
    ("Nguyễn Thị Thu Hà", catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, CommendationType.SERVICE, "2300/QĐ-UBND"),
    ("Trần Văn Minh", catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, CommendationType.RESISTANCE, "2301/QĐ-UBND"),
]


def seed_form_data(awards):
    """Tiers, the forms' extra records and the two records without a tier (see the module)."""
    units = {unit.code: unit for unit in Unit.objects.exclude(code="")}
    for full_name, code, award_code in WITHOUT_TIER:
        unit, award = units.get(code), awards.get(award_code)
        if (
            unit is not None
            and award is not None
            and not AwardRecord.objects.filter(recipient_name=full_name, unit=unit).exists()
        ):
            AwardRecord.objects.create(
                recipient_name=full_name, unit=unit, award=award, year=FORM_YEAR, source=RecordSource.IMPORT
            )
    for recipient, code, kind, number in FORM_RECORDS:
        award = awards.get(code)
        unit = units.get(recipient)
        person = None if unit is not None else Person.objects.filter(full_name=recipient).select_related("unit").first()
        if award is None or (unit is None and person is None):
            continue
        lookup = {"unit": unit, "is_collective": True} if unit else {"person": person, "unit": person.unit}
        if not AwardRecord.objects.filter(award=award, year=FORM_YEAR, **lookup).exists():
            AwardRecord.objects.create(
                recipient_name=unit.name if unit else person.full_name,
                award=award,
                year=FORM_YEAR,
                commendation_type=kind,
                decision_number=number,
                source=RecordSource.IMPORT,
                position_tier=person.position_tier if person else "",
                **lookup,
            )
    household = awards.get("GDVH")
    if household is not None and not AwardRecord.objects.filter(award=household, is_household=True).exists():
        AwardRecord.objects.create(
            recipient_name="Hộ ông Nguyễn Văn Tư",
            unit=units.get("NB-SNV"),
            is_household=True,
            award=household,
            year=FORM_YEAR,
            source=RecordSource.IMPORT,
        )
    _fill_tiers()


def _fill_tiers():
    """Every demo person without a tier gets one (ROTATION); every individual record linked to a
    person and without a tier takes the person's (the tier at conferral). Unlinked records keep theirs."""
    for person in Person.objects.filter(position_tier="").order_by("pk"):
        person.position_tier = ROTATION[person.pk % len(ROTATION)]
        person.save(update_fields=["position_tier"])
    records = AwardRecord.objects.filter(
        position_tier="", is_collective=False, is_household=False, person__isnull=False
    ).select_related("person")
    for record in records:
        record.position_tier = record.person.position_tier
        record.save(update_fields=["position_tier"])
