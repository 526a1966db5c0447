from django.db import migrations


def install_forms(apps, schema_editor):
    from reports.domain.statforms.catalogue import install

    install(apps.get_model("reports", "StatForm"))


def remove_forms(apps, schema_editor):
    from reports.domain.statforms.catalogue import shipped

    StatForm = apps.get_model("reports", "StatForm")
    for entry in shipped():
        StatForm.objects.filter(code=entry["code"], valid_from=entry["valid_from"], reports__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0006_statistical_forms")]

    operations = [migrations.RunPython(install_forms, remove_forms)]
