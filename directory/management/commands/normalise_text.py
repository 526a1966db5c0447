"""`manage.py normalise_text`: every stored text in NFC, and the duplicate people it reveals merged.

The data migration `directory.0003_messages_nfc_people` runs the same two steps once; run this
again after restoring old data. People it cannot merge safely are printed (and listed for officers
on the duplicate people page) with the reason.
"""

from django.core.management.base import BaseCommand

from directory.domain.duplicates import merge_duplicate_people
from portal.text import normalise_stored_text


def normalise_and_merge(registry=None, *, using="default", write=None):
    """Both steps, reporting through `write(line)` when given; the `MergeReport`."""
    changed = normalise_stored_text(registry, using=using)
    report = merge_duplicate_people(registry, using=using)
    if write:
        for label, count in sorted(changed.items()):
            write(f"{label}: {count} row(s) rewritten in NFC")
        for kept, deleted in report.merged:
            write(f"directory.Person {kept}: merged {', '.join(map(str, deleted))} into it")
        for group in report.unsafe:
            write(
                f"directory.Person {', '.join(map(str, group.pks))} ({group.name}, unit {group.unit_id}): "
                f"not merged, {group.reason}; an officer must decide"
            )
    return report


class Command(BaseCommand):
    help = "Rewrite stored text in Unicode NFC and merge the duplicate people it reveals."

    def handle(self, *args, **options):
        report = normalise_and_merge(write=self.stdout.write)
        self.stdout.write(f"{len(report.merged)} group(s) merged, {len(report.unsafe)} left for an officer.")
