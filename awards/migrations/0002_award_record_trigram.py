"""A trigram index for the diacritic-free name search over millions of award records (PostgreSQL only).

SQLite (quick local runs) has no such index; the btree index on (search_text, year) still serves
ordering and year filters there.
"""

from django.db import migrations

from portal.migration_ops import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [trigram_indexes(award_record_search_trgm="awards_awardrecord")]
