from django.contrib import admin

from portal.admin import ReadOnlyInline

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
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "measure_unit", "aggregation", "threshold", "higher_is_better", "in_chart"]
    list_filter = ["measure_unit", "aggregation", "higher_is_better", "in_chart"]
    search_fields = ["code", "name", "search_text"]
    list_editable = ["in_chart"]


class IndicatorValueInline(ReadOnlyInline):
    model = IndicatorValue
    related = ("indicator",)


class AttachmentInline(admin.TabularInline):
    model = ReportAttachment
    extra = 0


@admin.register(MemberReport)
class MemberReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "term", "period", "status", "submitted_at"]
    list_filter = ["period", "status", "term__year", "term__cluster"]
    search_fields = ["search_text", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit", "term__cluster"]
    inlines = [IndicatorValueInline, AttachmentInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["report", "indicator", "value", "sample"]
    list_filter = ["indicator", "sample"]
    search_fields = ["report__search_text", "indicator__name"]
    autocomplete_fields = ["indicator"]
    raw_id_fields = ["report"]
    list_select_related = ["report__unit", "report__term__cluster", "indicator"]


@admin.register(ReportAttachment)
class ReportAttachmentAdmin(admin.ModelAdmin):
    list_display = ["title", "report", "uploaded_at"]
    search_fields = ["title", "report__search_text"]
    raw_id_fields = ["report"]
    list_select_related = ["report__unit", "report__term__cluster"]


@admin.register(ClusterReport)
class ClusterReportAdmin(admin.ModelAdmin):
    list_display = ["term", "period", "compiled_at"]
    list_filter = ["period", "term__year"]
    search_fields = ["search_text"]
    list_select_related = ["term__cluster"]


class AttendeeInline(ReadOnlyInline):
    model = ConferenceAttendee
    related = ("unit",)


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["title", "term", "kind", "held_on", "place", "host_unit"]
    list_filter = ["kind", "period", "term__year"]
    search_fields = ["search_text", "title"]
    autocomplete_fields = ["host_unit", "attending_units"]
    list_select_related = ["term__cluster", "host_unit"]
    date_hierarchy = "held_on"
    inlines = [AttendeeInline]


@admin.register(ConferenceAttendee)
class ConferenceAttendeeAdmin(admin.ModelAdmin):
    list_display = ["full_name", "title", "conference", "is_chair"]
    list_filter = ["is_chair"]
    search_fields = ["full_name", "title", "conference__title"]
    autocomplete_fields = ["unit"]
    list_select_related = ["conference"]


@admin.register(RenderJob)
class RenderJobAdmin(admin.ModelAdmin):
    list_display = [
        "conference",
        "status",
        "requested_by",
        "requested_at",
        "finished_at",
        "attempts",
        "render_ms",
        "pdf_ms",
    ]
    list_filter = ["status"]
    search_fields = ["conference__title", "content_hash"]
    list_select_related = ["conference", "requested_by"]
    readonly_fields = ["content_hash", "claimed_at", "finished_at", "attempts", "render_ms", "pdf_ms", "error"]
    raw_id_fields = ["conference", "requested_by"]


@admin.register(StatForm)
class StatFormAdmin(admin.ModelAdmin):
    """Administrators add a form's new version (a new circular) here; the definition is checked on save."""

    list_display = ["code", "title", "legal_basis", "valid_from", "valid_until", "dataset"]
    list_filter = ["dataset"]
    search_fields = ["code", "title", "legal_basis"]
