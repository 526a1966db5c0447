import factory

from directory.enums import DutyRatingLevel, Gender, UnitKind
from directory.models import DutyRating, Person, Unit, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị thử nghiệm {n}")
    kind = UnitKind.DEPARTMENT


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    position = "Chuyên viên"
    unit = factory.SubFactory(UnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class DutyRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyRating

    person = None
    unit = None
    year = 2025
    rating = DutyRatingLevel.EXCELLENT
    source_document = "Quyết định số 1/QĐ-XL ngày 20/12/2025"


def rate(recipient, *years, rating=DutyRatingLevel.EXCELLENT):
    """Rate a person or unit for each of `years` (2025 when none)."""
    key = "unit" if isinstance(recipient, Unit) else "person"
    return [
        DutyRating.objects.update_or_create(
            **{key: recipient},
            year=year,
            defaults={"rating": rating, "source_document": DutyRatingFactory.source_document},
        )[0]
        for year in years or (2025,)
    ]
