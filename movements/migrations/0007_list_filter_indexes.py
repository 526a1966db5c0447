"""Issue 13 (explain): the movement list's state filter and visibility served by an index, its search box by
a trigram index (PostgreSQL only)."""

from django.db import migrations, models

from portal.migration_ops import trigram_indexes

class Migration(migrations.Migration):
    dependencies = [("movements", "0006_movements_corrections")]

    operations = [
        migrations.AddIndex(
            model_name="movement",
            index=models.Index(fields=["state", "search_text"], name="movement_state_order"),
        ),
        trigram_indexes(movement_search_trgm="movements_movement"),
    ]
