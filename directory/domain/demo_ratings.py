"""Demo ratings of duty completion (SAMPLE DATA): two years for the demo people and units, a merged
unit's predecessor among them, and the people of the rating examples (one passing and one failing
case of each rule that reads the ratings; the awards demo nominates them).

Called by the awards demo once its history (people, members of collectives) exists. Running it
twice changes nothing.
"""

from ..enums import DutyRatingLevel
from ..models import DutyRating, Person, Unit

SOURCE = "Quyết định xếp loại mức độ hoàn thành nhiệm vụ năm {year} (dữ liệu mẫu)"
EXCELLENT, GOOD, COMPLETED = DutyRatingLevel.EXCELLENT, DutyRatingLevel.GOOD, DutyRatingLevel.COMPLETED

# (unit code, {year: rating}): Nam Định's Department of Home Affairs (merged into Ninh Bình's on 1/7/2025)
# carries its 2024 rating to its successor, whose own 2025 rating makes two excellent years across the merger.
UNIT_RATINGS = [
    ("ND-SNV", {2024: EXCELLENT}),
    ("NB-SNV", {2025: EXCELLENT}),
    ("NB-SXD", {2024: EXCELLENT, 2025: EXCELLENT}),
    ("NB-STP", {2024: GOOD, 2025: GOOD}),
    ("NB-SGDDT", {2024: GOOD, 2025: COMPLETED}),
]
# (full name, unit code, {year: rating}) of the people the awards demo already knows.
PERSON_RATINGS = [
    ("Phạm Thị Lan", "NB-SGDDT", {2024: EXCELLENT, 2025: EXCELLENT}),
    ("Lê Văn Hùng", "NB-SGDDT", {2024: GOOD, 2025: EXCELLENT}),
    ("Đỗ Thị Hương", "NB-SGDDT", {2024: GOOD, 2025: GOOD}),
    ("Hoàng Văn Nam", "NB-SGDDT", {2024: GOOD, 2025: GOOD}),
]
# The people of the rating examples: (key, full name, gender, {year: rating}), all of NB-SGDDT.
EXAMPLES = [
    ("advanced_pass", "Trần Minh Châu", "female", {2024: GOOD, 2025: GOOD}),
    ("advanced_fail", "Ngô Văn Phúc", "male", {2024: GOOD, 2025: COMPLETED}),
    ("grassroots_pass", "Bùi Thị Thảo", "female", {2024: GOOD, 2025: EXCELLENT}),
    ("grassroots_fail", "Đặng Đức Long", "male", {2024: GOOD, 2025: GOOD}),
    ("certificate_pass", "Vũ Thị Ngọc", "female", {2024: EXCELLENT, 2025: EXCELLENT}),
    ("certificate_fail", "Hoàng Quang Huy", "male", {2024: GOOD, 2025: EXCELLENT}),
]


def _rate(year_ratings, *, by, **recipient):
    for year, rating in year_ratings.items():
        DutyRating.objects.get_or_create(
            year=year,
            **recipient,
            defaults={"rating": rating, "source_document": SOURCE.format(year=year), "recorded_by": by},
        )


def seed_ratings(*, by, members=()):
    """Write the demo ratings (nothing already stored is changed) and return the example people by key.

    `members` are (people, {year: rating}) pairs the caller made (the members of a collective).
    Side effects: writes DutyRating rows (audited) and the example Person rows, when missing.
    """
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[code for code, _ in UNIT_RATINGS])}
    for code, year_ratings in UNIT_RATINGS:
        if code in units:
            _rate(year_ratings, unit=units[code], by=by)
    for full_name, code, year_ratings in PERSON_RATINGS:
        person = Person.objects.filter(full_name=full_name, unit__code=code).first()
        if person is not None:
            _rate(year_ratings, person=person, by=by)
    examples = {}
    education = Unit.objects.filter(code="NB-SGDDT").first()
    if education is None:
        return examples
    for key, full_name, gender, year_ratings in EXAMPLES:
        person = Person.objects.filter(full_name=full_name, unit=education).first() or Person.objects.create(
            full_name=full_name, unit=education, gender=gender, position="Chuyên viên (dữ liệu mẫu)"
        )
        _rate(year_ratings, person=person, by=by)
        examples[key] = person
    for people, year_ratings in members:
        for person in people:
            _rate(year_ratings, person=person, by=by)
    return examples
