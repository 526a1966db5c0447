"""Operations the apps' migrations share.

    operations = [trigram_indexes(unit_search_trgm="directory_unit")]

A search box (`portal.text.folded_search`: LIKE '%word%' per word) is served by a trigram index on
the table's `search_text`, on PostgreSQL only and where pg_trgm is available; SQLite and a server
without the extension keep working without it. Reversible (the indexes are dropped).
"""

from django.db import migrations


def trigram_indexes(**indexes):
    """A RunPython creating each index `name` on `table`'s search_text (`name=table`), dropping them back."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
            if cursor.fetchone() is None:
                return
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for name, table in indexes.items():
                cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for name in indexes:
                schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)
