from django.contrib import admin

from portal.admin import ReadOnlyInline

from .models import (
    Award,
    AwardRecord,
    CouncilSession,
    CouncilVote,
    Decision,
    DisciplineCase,
    Initiative,
    LegalParameter,
    Nominee,
    Proposal,
    ProposalDocument,
)


class LegalParameterInline(admin.TabularInline):
    model = LegalParameter
    extra = 0
    fields = ["kind", "value", "effective_from", "legal_basis"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "recipient_kind",
        "category",
        "level",
        "conferred_by",
        "rule",
        "vote_rule",
        "rank",
        "is_active",
    ]
    list_filter = ["recipient_kind", "category", "level", "conferred_by", "vote_rule", "is_active"]
    search_fields = ["name", "code"]
    inlines = [LegalParameterInline]


@admin.register(LegalParameter)
class LegalParameterAdmin(admin.ModelAdmin):
    list_display = ["kind", "award", "value", "effective_from", "legal_basis"]
    list_filter = ["kind", "effective_from"]
    search_fields = ["award__name", "legal_basis"]
    autocomplete_fields = ["award"]
    list_select_related = ["award"]


class NomineeInline(ReadOnlyInline):
    model = Nominee
    fields = ["person", "unit", "award", "year", "eligibility_status", "outcome"]
    related = ("person", "unit", "award")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "commendation_type", "year", "state", "deadline", "submitted_on"]
    list_filter = ["state", "commendation_type", "year"]
    search_fields = ["title", "search_text", "unit__name"]
    autocomplete_fields = ["unit", "created_by"]
    list_select_related = ["unit"]
    inlines = [NomineeInline]


@admin.register(Nominee)
class NomineeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "proposal", "award", "year", "eligibility_status", "outcome"]
    list_filter = ["eligibility_status", "outcome", "year", "award"]
    search_fields = ["search_text", "person__full_name", "unit__name"]
    autocomplete_fields = ["proposal", "person", "unit", "award", "initiative", "overridden_by"]
    list_select_related = ["proposal", "award", "person", "unit"]


@admin.register(ProposalDocument)
class ProposalDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "proposal", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "content_type"]
    search_fields = ["original_name", "proposal__title"]
    autocomplete_fields = ["proposal", "uploaded_by"]
    list_select_related = ["proposal", "uploaded_by"]


@admin.register(CouncilSession)
class CouncilSessionAdmin(admin.ModelAdmin):
    list_display = ["held_on", "member_count", "present_count", "created_by"]
    list_filter = ["held_on"]
    search_fields = ["notes"]
    list_select_related = ["created_by"]


@admin.register(CouncilVote)
class CouncilVoteAdmin(admin.ModelAdmin):
    list_display = [
        "nominee",
        "session",
        "in_favour",
        "against",
        "written_in_favour",
        "written_against",
        "share",
        "threshold",
        "is_passed",
    ]
    list_filter = ["is_passed"]
    search_fields = ["nominee__search_text"]
    autocomplete_fields = ["session", "nominee"]
    list_select_related = ["session", "nominee__award", "nominee__person", "nominee__unit"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["number", "signed_on", "signer", "level", "proposal", "total_amount"]
    list_filter = ["level", "signed_on"]
    search_fields = ["number", "signer", "proposal__title"]
    autocomplete_fields = ["proposal", "created_by"]
    list_select_related = ["proposal"]


@admin.register(AwardRecord)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = [
        "recipient_name",
        "award",
        "year",
        "unit",
        "commendation_type",
        "decision_number",
        "amount",
        "source",
    ]
    list_filter = ["source", "commendation_type", "award", "year"]
    search_fields = ["search_text", "recipient_name", "decision_number"]
    autocomplete_fields = ["person", "unit", "award", "decision", "nominee", "initiative"]
    list_select_related = ["award", "unit"]
    show_full_result_count = False


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "person", "unit", "scope", "recognised_on"]
    list_filter = ["scope"]
    search_fields = ["title", "person__full_name"]
    autocomplete_fields = ["person", "unit"]
    list_select_related = ["person", "unit"]


@admin.register(DisciplineCase)
class DisciplineCaseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "level", "opened_on", "sanctioned_on", "closed_on"]
    list_filter = ["kind", "level", "closed_on"]
    search_fields = ["person__full_name", "unit__name", "summary"]
    autocomplete_fields = ["person", "unit"]
    list_select_related = ["person", "unit"]


# --- Certificates (issue 15, "certificates" part) ---
from .models import CertificateLayout, IssuedCertificate  # noqa: E402 (kept with its part, for the merge)


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    """An award's print layout, edited with a live preview (the form posts its unsaved values to
    awards:certificate_layout_preview, shown in a frame; static/js/certificate_preview.js refreshes it)."""

    list_display = ["award", "page_width_mm", "page_height_mm", "updated_at"]
    search_fields = ["award__name", "award__code"]
    autocomplete_fields = ["award"]
    list_select_related = ["award"]
    change_form_template = "admin/awards/certificatelayout/change_form.html"

    class Media:
        js = ["js/certificate_preview.js"]


@admin.register(IssuedCertificate)
class IssuedCertificateAdmin(admin.ModelAdmin):
    """Signed certificates as issued: read only (a corrected record gets a new one)."""

    list_display = ["record", "signed_at", "signature_state", "issued_by"]
    list_filter = ["signature_state"]
    search_fields = ["record__recipient_name", "record__verification_code", "sha256"]
    list_select_related = ["record__award", "issued_by"]
    readonly_fields = [
        "record",
        "file",
        "sha256",
        "content_key",
        "signed_at",
        "issued_by",
        "signature_state",
        "signature_summary",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
