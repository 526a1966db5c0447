from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and conferences")

    def ready(self):
        from portal.audit import register

        from .models import (
            ClusterReport,
            Conference,
            ConferenceAttendee,
            Indicator,
            IndicatorValue,
            MemberReport,
            RenderJob,
            ReportAttachment,
            StatForm,
            StatReport,
        )

        register(Indicator, MemberReport, ClusterReport)
        # A figure cleared or an attachment removed since still shows in its report's history.
        register(IndicatorValue, ReportAttachment, parents=("report",))
        register(Conference, m2m_fields=("attending_units",))
        register(ConferenceAttendee, parents=("conference",))
        register(RenderJob, exclude_fields=("claimed_at", "attempts", "render_ms", "pdf_ms"))
        register(StatForm)
        # A filled form's history: who counted it, who marked it final or reopened it (and why);
        # the job's own bookkeeping is left out.
        register(StatReport, exclude_fields=("values", "steps_done", "claimed_at", "attempts", "error", "content_hash"))
