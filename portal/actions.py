"""What a view does with a business-rule refusal: show its sentence, change nothing, carry on.

    if attempt(request, lambda: workflow.submit(proposal=proposal, by=request.user),
               success=_("The dossier was submitted to the office.")):
        ...
    return redirect(...)

Every app's errors subclass `portal.errors.DomainError`, so views catch that one base. A database
rule that domain code runs into without checking it first (an IntegrityError: a duplicate, a
negative value a CHECK refuses) is a refusal too: the user reads the constraint's own sentence
(`portal.errors.constraint_message`), never a 500 or the database's English.
"""

import logging

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .errors import DomainError, constraint_message
from .imports import ImportFailed
from .uploads import UploadRejected

logger = logging.getLogger(__name__)


def attempt(request, action, *, success=None):
    """Run `action()` in one transaction; on a DomainError or an IntegrityError show its message as
    an error, keep nothing it wrote and return False.

    Otherwise show `success` (when given) and return True. Other exceptions propagate.
    """
    try:
        with transaction.atomic():
            action()
    except DomainError as error:
        messages.error(request, str(error))
        return False
    except IntegrityError as error:
        logger.warning("integrity refusal", extra={"error": str(error)})
        messages.error(request, constraint_message(error))
        return False
    if success:
        messages.success(request, success)
    return True


def import_upload(request, form, run):
    """Run `run(uploaded_file=...)` on a valid upload form's file: the one way a page imports a workbook.

    Returns `(result, row_errors)`. A file the upload check refuses is an error on the form's file
    field; a row error refuses the whole file (nothing was written) and its rows come back for the
    page to list; another refusal of a rule is a form error. On success the counts are a message.
    `result` is None whenever nothing was imported.
    """
    try:
        result = run(uploaded_file=form.cleaned_data["file"])
    except UploadRejected as error:
        form.add_error("file", str(error))
    except ImportFailed as failure:
        messages.error(
            request,
            _("Nothing was imported: {count} rows have errors. Correct them and upload the file again.").format(
                count=failure.row_count
            ),
        )
        return None, failure.errors
    except DomainError as error:
        form.add_error(None, str(error))
    else:
        messages.success(
            request,
            _("Imported {created} new and {updated} updated records.").format(
                created=result.created, updated=result.updated
            ),
        )
        return result, []
    return None, []
