"""A trigram index for the diacritic-free name search over millions of award records (PostgreSQL only).

SQLite (quick local runs) has no such index; the btree index on (search_text, year) still serves
ordering and year filters there.
"""

from django.db import migrations

FORWARD = "CREATE INDEX IF NOT EXISTS award_record_search_trgm ON awards_awardrecord USING gin (search_text gin_trgm_ops)"
BACKWARD = "DROP INDEX IF EXISTS award_record_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(FORWARD)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
