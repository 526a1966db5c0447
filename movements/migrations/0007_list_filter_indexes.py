"""Issue 13 (explain): the movement list's state filter and visibility served by an index, its search box by
a trigram index (PostgreSQL only)."""

from django.db import migrations, models

# The search box (`portal.text.folded_search`: LIKE '%word%' per word) is served by a trigram index
# on PostgreSQL only, as the award history's (awards 0002); SQLite keeps working without it.
TRIGRAM = {"movement_search_trgm": "movements_movement"}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table in TRIGRAM.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in TRIGRAM:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("movements", "0006_movements_corrections")]

    operations = [
        migrations.AddIndex(
            model_name="movement",
            index=models.Index(fields=["state", "search_text"], name="movement_state_order"),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
