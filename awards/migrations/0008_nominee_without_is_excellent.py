"""Ratings of duty completion replace the nominee's "completed duties excellently" flag (issue 12).

Each nominee flagged excellent first becomes an excellent DutyRating of its person or unit for its
year, where none is stored, naming its dossier as the source; Lao động tiên tiến gets its rule
(a rating of "completed duties well" or better). Reversible: the flag comes back from the ratings
this migration wrote, which are then deleted.
"""

from django.db import migrations, models

SOURCE = "Hồ sơ đề nghị khen thưởng: "


def flags_to_ratings(apps, schema_editor):
    Nominee = apps.get_model("awards", "Nominee")
    DutyRating = apps.get_model("directory", "DutyRating")
    people = set(DutyRating.objects.filter(person__isnull=False).values_list("person_id", "year"))
    units = set(DutyRating.objects.filter(unit__isnull=False).values_list("unit_id", "year"))
    new = []
    flagged = Nominee.objects.filter(is_excellent=True).select_related("proposal").order_by("pk")
    for nominee in flagged:
        key = (nominee.person_id or nominee.unit_id, nominee.year)
        seen = people if nominee.person_id else units
        if key in seen:
            continue
        seen.add(key)
        new.append(
            DutyRating(
                person_id=nominee.person_id,
                unit_id=None if nominee.person_id else nominee.unit_id,
                year=nominee.year,
                rating="excellent",
                source_document=(SOURCE + nominee.proposal.title)[:500],
                recorded_by_id=nominee.proposal.created_by_id,
            )
        )
    DutyRating.objects.bulk_create(new)
    Award = apps.get_model("awards", "Award")
    Award.objects.filter(code="LDTT", rule="none").update(rule="advanced_worker")


def ratings_to_flags(apps, schema_editor):
    Nominee = apps.get_model("awards", "Nominee")
    DutyRating = apps.get_model("directory", "DutyRating")
    written = DutyRating.objects.filter(rating="excellent", source_document__startswith=SOURCE)
    for rating in written:
        nominees = Nominee.objects.filter(year=rating.year)
        nominees = nominees.filter(person_id=rating.person_id) if rating.person_id else nominees.filter(unit_id=rating.unit_id)
        nominees.update(is_excellent=True)
    written.delete()
    Award = apps.get_model("awards", "Award")
    Award.objects.filter(code="LDTT", rule="advanced_worker").update(rule="none")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0007_commendation_types_catalogue"),
        ("directory", "0004_duty_ratings"),
    ]

    operations = [
        migrations.AlterField(
            model_name="award",
            name="rule",
            field=models.CharField(
                choices=[
                    ("none", "No history condition"),
                    ("advanced_worker", "Lao động tiên tiến"),
                    ("grassroots_fighter", "Chiến sĩ thi đua cơ sở"),
                    ("provincial_fighter", "Chiến sĩ thi đua cấp tỉnh"),
                    ("national_fighter", "Chiến sĩ thi đua toàn quốc"),
                    ("excellent_collective", "Tập thể lao động xuất sắc"),
                    ("advanced_collective", "Tập thể lao động tiên tiến"),
                    ("chairman_certificate_individual", "Bằng khen of the chairman (individual)"),
                    ("chairman_certificate_collective", "Bằng khen of the chairman (collective)"),
                    ("provincial_flag", "Cờ thi đua cấp tỉnh"),
                ],
                default="none",
                max_length=40,
                verbose_name="eligibility rule",
            ),
        ),
        migrations.RunPython(flags_to_ratings, ratings_to_flags),
        migrations.RemoveField(model_name="nominee", name="is_excellent"),
    ]
