"""Ratings of duty completion: recording, correcting and deleting with history, following mergers."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.domain import ratings
from directory.domain.ratings import RatingError
from directory.enums import DutyRatingLevel
from directory.models import DutyRating
from portal.audit import history_for
from tests.factories import PersonFactory, UnitFactory
from tests.factories.directory import rate

pytestmark = pytest.mark.django_db


def test_levels_are_ordered_so_good_or_better_can_be_asked():
    assert DutyRatingLevel.at_least(DutyRatingLevel.GOOD) == {DutyRatingLevel.EXCELLENT, DutyRatingLevel.GOOD}
    assert DutyRatingLevel.rank(DutyRatingLevel.NOT_COMPLETED) < DutyRatingLevel.rank(DutyRatingLevel.COMPLETED)


def test_record_correct_and_delete_keep_the_history_with_reasons(officer):
    person = PersonFactory()
    rating = ratings.record_rating(
        person=person, year=2024, rating="good", source_document="Quyết định 12/QĐ-SYT", by=officer
    )
    assert rating.recorded_by == officer

    ratings.correct_rating(
        rating=rating, level="excellent", source_document="Quyết định 12/QĐ-SYT", by=officer, reason="Nhập nhầm"
    )
    rows = history_for(rating)
    assert rows[0].reason == "Nhập nhầm"
    assert [(change.before, change.after) for change in rows[0].changes] == [
        ("Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ")
    ]

    with pytest.raises(RatingError, match="lý do"):
        ratings.delete_rating(rating=rating, by=officer, reason=" ")
    ratings.delete_rating(rating=rating, by=officer, reason="Ghi nhầm người")
    assert not DutyRating.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"year": 1900}, "Năm 1900 không hợp lệ"),
        ({"rating": "best"}, "Hãy chọn mức độ hoàn thành nhiệm vụ."),
        ({"source_document": "  "}, "Hãy ghi văn bản xếp loại"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(officer, fields, message):
    values = {"year": 2024, "rating": "good", "source_document": "QĐ 1", **fields}
    with pytest.raises(RatingError, match=message):
        ratings.record_rating(person=PersonFactory(), by=officer, **values)
    assert not DutyRating.objects.exists()


def test_one_rating_per_recipient_and_year(officer):
    person = PersonFactory()
    rate(person, 2024)
    with pytest.raises(RatingError, match="đã có kết quả xếp loại năm 2024"):
        ratings.record_rating(person=person, year=2024, rating="good", source_document="QĐ", by=officer)
    assert ratings.record_rating(person=person, year=2025, rating="good", source_document="QĐ", by=officer)


def test_a_unit_officer_rates_only_its_own_unit_and_people(unit_officer):
    own = PersonFactory(unit=unit_officer.unit)
    ratings.record_rating(person=own, year=2024, rating="good", source_document="QĐ", by=unit_officer)
    ratings.record_rating(unit=unit_officer.unit, year=2024, rating="good", source_document="QĐ", by=unit_officer)
    with pytest.raises(RatingError, match="chỉ được xếp loại đơn vị mình"):
        ratings.record_rating(person=PersonFactory(), year=2024, rating="good", source_document="QĐ", by=unit_officer)
    with pytest.raises(RatingError):
        ratings.record_rating(unit=UnitFactory(), year=2024, rating="good", source_document="QĐ", by=unit_officer)
    assert DutyRating.objects.count() == 2


def test_a_unit_officer_also_rates_a_sub_unit_and_the_people_of_a_unit_merged_into_its_own(unit_officer):
    sub_unit = UnitFactory(parent=unit_officer.unit)
    merged = UnitFactory(successor=unit_officer.unit, valid_until=date(2025, 6, 30))
    ratings.record_rating(unit=sub_unit, year=2024, rating="good", source_document="QĐ", by=unit_officer)
    ratings.record_rating(
        person=PersonFactory(unit=merged), year=2024, rating="good", source_document="QĐ", by=unit_officer
    )
    assert DutyRating.objects.count() == 2


def test_ratings_over_two_years_follow_a_merger_and_take_the_lowest_of_two_predecessors():
    successor = UnitFactory(name="Sở Nội vụ tỉnh Ninh Bình")
    first = UnitFactory(successor=successor, valid_until=date(2025, 6, 30))
    second = UnitFactory(successor=successor, valid_until=date(2025, 6, 30))
    rate(first, 2023, 2024)
    rate(second, 2024, rating="good")
    rate(successor, 2025)

    assert ratings.ratings_for_unit(successor) == {2023: "excellent", 2024: "good", 2025: "excellent"}
    assert ratings.ratings_for_unit(successor, [2024, 2025]) == {2024: "good", 2025: "excellent"}
    assert ratings.ratings_for_unit(first) == {2023: "excellent", 2024: "excellent"}  # not its successor's
    # The unit's own rating of a year wins over its predecessors'.
    rate(successor, 2024, rating="completed")
    assert ratings.ratings_for_unit(successor)[2024] == "completed"


def test_ratings_for_people_answers_for_many_in_one_query():
    unit = UnitFactory()
    people = PersonFactory.create_batch(5, unit=unit)
    for person in people[:3]:
        rate(person, 2025, rating="good")
    rate(people[3], 2024)
    with CaptureQueriesContext(connection) as captured:
        found = ratings.ratings_for_people(people=unit.people.all(), year=2025)
    assert len(captured) == 1
    assert found == {person.pk: "good" for person in people[:3]}
    assert ratings.ratings_for_person(people[3]) == {2024: "excellent"}
