"""Verify the signatures of the uploaded PDFs already stored: `manage.py check_signatures [--all]`.

Rows uploaded before the portal checked signatures have no state; `--all` checks every PDF again,
as is needed once SIGNING_TRUST_ROOTS changes (a new root makes "unknown signer" valid, a removed
one the reverse).
"""

from django.core.management.base import BaseCommand

from portal.signed_documents import check_stored, checked_models


class Command(BaseCommand):
    help = "Verify the digital signatures of the stored uploaded PDFs (those never checked, or --all)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="check every stored PDF again, not only unchecked ones")

    def handle(self, *args, **options):
        for model in checked_models():
            changed = check_stored(model, only_unchecked=not options["all"])
            self.stdout.write(f"{model._meta.label}: {changed} changed")
