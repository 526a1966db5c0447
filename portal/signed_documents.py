"""The signature state of an uploaded document, kept on its row (issue 15, item 2).

A model whose rows are uploaded documents inherits `SignatureChecked` and names its file field in
`signature_file_field` (default "file"). When a row receives a new PDF, `save()` verifies it
(`verify_pdf`, against SIGNING_TRUST_ROOTS) and stores the state and its Vietnamese summary; another
kind of file (an image, a Word document) has no state. The page shows the state on the document's
row (`portal/includes/signature_state.html`).
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

    def _file_is_new(self, upload):
        """A new row with a file, or a row whose file was replaced (one query, on updates only)."""
        if not upload:
            return False
        if self._state.adding or self.pk is None:
            return True
        stored = type(self)._base_manager.filter(pk=self.pk).values_list(self.signature_file_field, flat=True)
        return stored.first() != upload.name

    def check_signature(self):
        """Verify the row's file when it is new or replaced; a file kept as it was keeps its state."""
        from portal.signing import verify_pdf  # pyHanko loads only when a PDF is uploaded

        upload = getattr(self, self.signature_file_field)
        if not self._file_is_new(upload):
            return
        if getattr(upload, "_committed", True):  # already in storage (saved with save=False): read it there
            with upload.open("rb") as stored:
                data = stored.read()
        else:
            data = upload.read()
            upload.seek(0)
        if not data.startswith(PDF_MAGIC):
            self.signature_state, self.signature_summary = "", ""
            return
        verification = verify_pdf(data)
        self.signature_state = verification.state
        self.signature_summary = str(verification.summary)[:500]
