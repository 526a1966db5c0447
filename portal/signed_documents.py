"""The signature state of an uploaded document, kept on its row (issue 15, item 2).

A model whose rows are uploaded documents inherits `SignatureChecked` and names its file field in
`signature_file_field` (default "file"). When a row receives a new PDF, `save()` verifies it
(`verify_pdf`, against SIGNING_TRUST_ROOTS) and stores the state and its Vietnamese summary; another
kind of file (an image, a Word document) has no state. The page shows the state on the document's
row (`portal/includes/signature_state.html`). Whether the file is new is told by the name it had when
the row was loaded (no query). `manage.py check_signatures` verifies the stored files again: rows
uploaded before this existed, and every row once the trust roots change.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.enums import SignatureState

PDF_MAGIC = b"%PDF-"


class SignatureChecked(models.Model):
    signature_state = models.CharField(
        _("digital signature"), max_length=20, choices=SignatureState.choices, blank=True, editable=False
    )
    signature_summary = models.CharField(_("signature check"), max_length=500, blank=True, editable=False)

    signature_file_field = "file"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.check_signature()
        super().save(*args, **kwargs)
        self._loaded_file_name = getattr(self, self.signature_file_field).name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The stored name, before the file descriptor wraps it (absent when the field was deferred).
        instance._loaded_file_name = instance.__dict__.get(cls.signature_file_field)
        return instance

    def _file_is_new(self, upload):
        """A new row with a file, or a row whose file was replaced since it was loaded or saved."""
        if not upload:
            return False
        if self._state.adding or self.pk is None:
            return True
        loaded = getattr(self, "_loaded_file_name", None)
        if loaded is None:  # the field was deferred when the row was loaded: ask the database
            stored = type(self)._base_manager.filter(pk=self.pk).values_list(self.signature_file_field, flat=True)
            loaded = stored.first()
        return loaded != upload.name

    def verified_state(self, data):
        """(state, summary) for `data`: ("", "") for anything that is not a PDF."""
        from portal.signing import verify_pdf  # pyHanko loads only when a PDF is checked

        if not data or not data.startswith(PDF_MAGIC):
            return "", ""
        verification = verify_pdf(data)
        return verification.state, str(verification.summary)[:500]

    def check_signature(self):
        """Verify the row's file when it is new or replaced; a file kept as it was keeps its state."""
        upload = getattr(self, self.signature_file_field)
        if not upload:  # no file (or the file removed): nothing to show
            self.signature_state, self.signature_summary = "", ""
            return
        if not self._file_is_new(upload):
            return
        if getattr(upload, "_committed", True):  # already in storage (saved with save=False): read it there
            with upload.open("rb") as stored:
                data = stored.read()
        else:
            data = upload.read()
            upload.seek(0)
        self.signature_state, self.signature_summary = self.verified_state(data)


def checked_models():
    """Every installed model that keeps a signature state (the subclasses of SignatureChecked)."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, SignatureChecked)]


def check_stored(model, *, only_unchecked=True):
    """Verify again the stored PDF of each row of `model`; returns how many rows changed state.

    Side effects: `signature_state` and `signature_summary` updated in place (an UPDATE per changed
    row, no history: the file itself did not change). A file missing from storage is skipped.
    """
    field = model.signature_file_field
    rows = model._base_manager.exclude(**{field: ""}).exclude(**{f"{field}__isnull": True})
    if only_unchecked:
        rows = rows.filter(signature_state="")
    changed = 0
    for row in rows.only("pk", field, "signature_state", "signature_summary").iterator(chunk_size=200):
        try:
            with getattr(row, field).open("rb") as stored:
                data = stored.read()
        except (FileNotFoundError, ValueError):
            continue
        state, summary = row.verified_state(data)
        if (state, summary) != (row.signature_state, row.signature_summary):
            model._base_manager.filter(pk=row.pk).update(signature_state=state, signature_summary=summary)
            changed += 1
    return changed
