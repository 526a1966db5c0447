"""The reports' documents the portal signs (issue 15, originals): a conference's summary (the term's
lead, or the office, signs it: those who may render it) and a final statistical form (the office)."""

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.originals.registry import Signable, register

from .domain.errors import ReportError
from .domain.summary import summary_html
from .models import Conference, StatReport
from .rules import can_sign_stat_report

NO_FORM_PDF = _("The form's PDF has not been written yet: count the form first.")


def conference_pdf(conference):
    """The summary as PDF, rendered now from its current content (the same bytes for the same content)."""
    from portal.rendering import html_to_pdf

    return html_to_pdf(summary_html(conference))


def _conference_signature(conference):
    term = conference.term
    lead = term.cluster.words.official.lead
    return f"TM. {term.lead_unit.name.upper()}\n({lead.upper()})", ""


def stat_report_pdf(report):
    """The final form's PDF as its job wrote it (the counted figures of the form's hash)."""
    if not report.pdf or not default_storage.exists(report.pdf.name):
        raise ReportError(NO_FORM_PDF)
    with report.pdf.open("rb") as handle:
        return handle.read()


register(
    Signable(
        key="conference",
        model=Conference,
        queryset=lambda: Conference.objects.select_related(
            "term__cluster__organising_body", "term__lead_unit", "term__deputy_unit", "host_unit"
        ),
        render_pdf=conference_pdf,
        title=lambda conference: conference.title,
        can_view=lambda user, conference: user.has_perm("reports.view_conference", conference),
        can_sign=lambda user, conference: user.has_perm("reports.render_conference", conference),
        number=lambda conference: conference.number,
        page_url=lambda conference: reverse("reports:conference_detail", args=[conference.pk]),
        signature=_conference_signature,
    )
)

register(
    Signable(
        key="statform",
        model=StatReport,
        queryset=lambda: StatReport.objects.select_related("form", "reporting_unit"),
        render_pdf=stat_report_pdf,
        title=str,
        can_view=lambda user, report: user.has_perm("reports.view_statreport", report),
        can_sign=lambda user, report: can_sign_stat_report(user, report),
        number=lambda report: f"{report.form.code}-{report.year}",
        page_url=lambda report: reverse("reports:statform_detail", args=[report.pk]),
        signature=lambda report: ("THỦ TRƯỞNG ĐƠN VỊ", report.reporting_unit.name),
    )
)
