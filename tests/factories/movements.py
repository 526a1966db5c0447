from datetime import date
from decimal import Decimal

import factory

from movements.enums import MovementKind, MovementLevel, MovementState, ReviewKind
from movements.models import Movement, MovementReview, ProgressEntry, Registration, ReviewHonouree, Target
from tests.factories.directory import UnitFactory


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Phong trào thi đua thử nghiệm {n}")
    code = factory.Sequence(lambda n: f"PT-{n}")
    level = MovementLevel.PROVINCIAL
    kind = MovementKind.THEMATIC
    launching_authority = "UBND tỉnh Ninh Bình"
    plan_number = factory.Sequence(lambda n: f"{n}/KH-UBND")
    plan_date = date(2022, 6, 13)
    starts_on = date(2022, 1, 1)
    ends_on = date(2027, 12, 31)
    lead_unit = factory.SubFactory(UnitFactory)
    state = MovementState.RUNNING
    objectives = "Mục tiêu thử nghiệm"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    movement = factory.SubFactory(MovementFactory)
    indicator = factory.Sequence(lambda n: f"Tỷ lệ xã đạt chuẩn {n}")
    unit_of_measure = "%"
    target_value = Decimal("25")
    deadline = date(2027, 12, 31)


class ProgressEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressEntry

    target = factory.SubFactory(TargetFactory)
    recorded_on = date(2023, 6, 30)
    value = Decimal("10")
    source = "Báo cáo thử nghiệm"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    movement = factory.SubFactory(MovementFactory)
    unit = factory.SubFactory(UnitFactory)
    commitments = "Hoàn thành vượt mức các chỉ tiêu"
    aimed_titles = "Tập thể lao động xuất sắc"


class MovementReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MovementReview

    movement = factory.SubFactory(MovementFactory)
    kind = ReviewKind.INTERIM
    held_on = date(2023, 7, 15)
    summary = "Sơ kết giữa kỳ"


class ReviewHonoureeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewHonouree

    review = factory.SubFactory(MovementReviewFactory)
    unit = factory.SubFactory(UnitFactory)
    note = "Điển hình tiên tiến"
