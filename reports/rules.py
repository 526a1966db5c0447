"""Who may do what with reports and conferences.

A member report belongs to its unit: that unit's officers write and submit it, the term's lead
reads it. Cluster reports and conferences are the term's: its lead compiles and renders them,
its members read them. The provincial office (officers) reads and manages everything.
"""

import rules

from clusters.rules import is_term_lead, is_term_member
from directory.rules import is_officer, is_signed_in, is_unit_officer

from .enums import ReportStatus, StatReportState


@rules.predicate
def writes_report(user, report):
    """The user is an officer of the unit the member report belongs to."""
    return report is not None and is_unit_officer(user) and user.unit_id is not None and user.unit_id == report.unit_id


@rules.predicate
def report_is_draft(user, report):
    return report is not None and report.status in ReportStatus.editable()


@rules.predicate
def report_is_returnable(user, report):
    return report is not None and report.status in ReportStatus.returnable()


@rules.predicate
def is_own_unit_report(user, report):
    """The report is the user's own unit's (a lead never returns its own report: the office does)."""
    return report is not None and user.is_authenticated and user.unit_id is not None and user.unit_id == report.unit_id


@rules.predicate
def leads_term_of(user, obj):
    """The user's unit leads the term this report or conference belongs to."""
    return obj is not None and is_term_lead(user, obj.term)


@rules.predicate
def is_member_of_term_of(user, obj):
    return obj is not None and is_term_member(user, obj.term)


can_view_member_report = is_officer | writes_report | leads_term_of
can_change_member_report = (is_officer | writes_report) & report_is_draft
can_submit_member_report = writes_report & report_is_draft
# The lead of the report's term (not for its own unit's report) or the office returns a submitted report.
can_return_member_report = (is_officer | (leads_term_of & ~is_own_unit_report)) & report_is_returnable
# The unit reaches the delete page of its own report; the domain says why a report cannot go.
can_discard_member_report = writes_report
can_view_cluster_work = is_officer | leads_term_of | is_member_of_term_of
can_manage_cluster_work = is_officer | leads_term_of
can_start_report = is_officer | is_unit_officer
# The overview of charts (issue 14): the provincial office's view of the whole province; a unit officer
# is refused (403) rather than shown a province-wide figure or a second, unit-only set of figures.
can_view_overview = is_officer
rules.add_perm("reports.view_overview", can_view_overview)

__all__ = [
    "can_change_member_report",
    "can_discard_member_report",
    "can_return_member_report",
    "can_manage_cluster_work",
    "can_start_report",
    "can_submit_member_report",
    "can_view_overview",
    "can_view_cluster_work",
    "can_view_member_report",
    "is_signed_in",
]


# Statistical forms (issue 14): the provincial office's work (administrators included, as for every
# office task; the forms' definitions are configured in Django admin).
@rules.predicate
def stat_report_is_draft(user, report):
    return report is None or report.state == StatReportState.DRAFT


can_view_stat_forms = is_officer
can_recount_stat_report = is_officer & stat_report_is_draft
can_finalise_stat_report = is_officer & stat_report_is_draft


@rules.predicate
def stat_report_is_final(user, report):
    return report is not None and report.state == StatReportState.FINAL


can_reopen_stat_report = is_officer & stat_report_is_final


# Signed originals (issue 15, originals): the office signs a statistical form once it is final.
can_sign_stat_report = is_officer & stat_report_is_final
