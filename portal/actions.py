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

from .errors import DomainError, constraint_message

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
