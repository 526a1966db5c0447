"""Corrections of an award record by an officer (issue 14): what the statistical forms read."""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import because

from . import AwardsError

CORRECTABLE = ("position_tier", "commendation_type", "is_collective", "is_household", "unit", "person")


def correct_record(*, record, changes, reason, by):
    """Set the CORRECTABLE fields of `record` from `changes` (a form's cleaned data) and save it.

    Refuses (AwardsError) a blank reason. Side effects: updates the record in one transaction; its
    audit entry records `by` (the request's user), the before/after values and `reason`.
    """
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("Give the reason for the correction."))
    for name in CORRECTABLE:
        if name in changes:
            setattr(record, name, changes[name])
    if record.is_collective or record.is_household:
        record.position_tier = ""
    with transaction.atomic(), because(reason):
        record.save()
    return record
