"""Every stored text in NFC, and the people that reveals twice merged (or listed when unsafe).

Runs `directory.management.commands.normalise_text.normalise_and_merge` on the historical models;
`manage.py normalise_text` runs it again on the live ones (after restoring old data).
"""

from django.db import migrations


def normalise(apps, schema_editor):
    from directory.management.commands.normalise_text import normalise_and_merge

    normalise_and_merge(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_messages_constraints"),
        # Every app's tables at their latest, so all their text is rewritten and all links repointed.
        ("movements", "0005_messages_constraints"),
        ("clusters", "0006_messages_constraints"),
        ("awards", "0004_messages_constraints"),
        ("reports", "0005_messages_constraints"),
        ("portal", "0001_initial"),
    ]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
