"""What a view does with a business-rule refusal: show its sentence, change nothing, carry on.

    if attempt(request, lambda: workflow.submit(proposal=proposal, by=request.user),
               success=_("The dossier was submitted to the office.")):
        ...
    return redirect(...)

Every app's errors subclass `portal.errors.DomainError`, so views catch that one base.
"""

from django.contrib import messages

from .errors import DomainError


def attempt(request, action, *, success=None):
    """Run `action()`; on a DomainError show its message as an error and return False.

    Otherwise show `success` (when given) and return True. Other exceptions propagate.
    """
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error))
        return False
    if success:
        messages.success(request, success)
    return True
