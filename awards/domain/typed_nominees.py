"""Adding a nominee with what its commendation type reads (issue 12, types): the year service began."""

from django.db import transaction
from django.utils.translation import gettext as _

from . import AwardsError
from .eligibility import refresh_eligibility
from .workflow import add_nominee as add


def add_nominee(*, proposal, by, service_since_year=None, **fields):
    """Add a nominee (`workflow.add_nominee`) with the year its service began, and check it.

    Side effects: in one transaction, writes the Nominee (audited), its `service_since_year` and its
    eligibility; raises AwardsError as `workflow.add_nominee` does, or for an implausible year.
    """
    with transaction.atomic():
        nominee = add(proposal=proposal, by=by, **fields)
        if service_since_year is not None:
            if not 1945 <= service_since_year <= nominee.year:
                raise AwardsError(_("The year service began must be between 1945 and the proposal year."))
            nominee.service_since_year = service_since_year
            nominee.save(update_fields=["service_since_year"])
            refresh_eligibility(nominees=[nominee])
        return nominee
