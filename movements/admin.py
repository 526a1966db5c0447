from django.contrib import admin

from portal.admin import ReadOnlyInline

from .models import Movement, MovementDocument, MovementReview, ProgressEntry, Registration, ReviewHonouree, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["indicator", "unit_of_measure", "direction", "baseline_value", "target_value", "deadline", "position"]


class DocumentInline(admin.TabularInline):
    model = MovementDocument
    extra = 0


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "kind", "state", "plan_number", "starts_on", "ends_on", "lead_unit"]
    list_filter = ["level", "kind", "state"]
    search_fields = ["name", "code", "plan_number", "search_text"]
    autocomplete_fields = ["lead_unit", "standing_unit", "participants"]
    list_select_related = ["lead_unit"]
    readonly_fields = ["state_changed_at", "state_changed_by", "last_reminded_at"]
    date_hierarchy = "starts_on"
    inlines = [TargetInline, DocumentInline]


@admin.register(MovementDocument)
class MovementDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "issued_on", "movement"]
    search_fields = ["title", "number", "movement__name"]
    autocomplete_fields = ["movement"]
    list_select_related = ["movement"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "movement", "target_value", "unit_of_measure", "direction", "deadline"]
    list_filter = ["direction", "movement__state"]
    search_fields = ["indicator", "movement__name", "movement__code"]
    autocomplete_fields = ["movement"]
    list_select_related = ["movement"]


@admin.register(ProgressEntry)
class ProgressEntryAdmin(admin.ModelAdmin):
    list_display = ["target", "recorded_on", "value", "unit", "source", "recorded_by"]
    list_filter = ["recorded_on"]
    search_fields = ["target__indicator", "target__movement__name", "source"]
    autocomplete_fields = ["target", "unit"]
    list_select_related = ["target", "unit", "recorded_by"]
    date_hierarchy = "recorded_on"


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["unit", "movement", "aimed_titles", "registered_by", "created_at"]
    list_filter = ["movement__state"]
    search_fields = ["unit__name", "movement__name", "commitments", "aimed_titles"]
    autocomplete_fields = ["movement", "unit"]
    list_select_related = ["unit", "movement", "registered_by"]


class HonoureeInline(ReadOnlyInline):
    """A review's honourees, recorded on the portal's review page: shown in one query however many."""

    model = ReviewHonouree
    related = ("unit", "person")


@admin.register(MovementReview)
class MovementReviewAdmin(admin.ModelAdmin):
    list_display = ["movement", "kind", "held_on"]
    list_filter = ["kind", "held_on"]
    search_fields = ["movement__name", "summary"]
    autocomplete_fields = ["movement"]
    list_select_related = ["movement"]
    inlines = [HonoureeInline]


@admin.register(ReviewHonouree)
class ReviewHonoureeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "review", "note"]
    search_fields = ["unit__name", "person__full_name", "note", "review__movement__name"]
    autocomplete_fields = ["review", "unit", "person"]
    list_select_related = ["review__movement", "unit", "person"]
