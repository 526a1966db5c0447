from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from portal.admin import ReadOnlyInline

from .domain.criteria import copy_criteria, previous_term
from .domain.errors import DomainError
from .domain.phases import repair_current_phase
from .models import Ballot, Cluster, Criterion, CriterionGroup, Nomination, Phase, Score, Sheet, Term, TermMember


class TermMemberInline(ReadOnlyInline):
    model = TermMember
    related = ("unit", "term__cluster")  # a row's name (its change link) names the term


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organising_level", "organising_body"]
    list_filter = ["kind", "organising_level"]
    search_fields = ["name", "search_text"]
    autocomplete_fields = ["organising_body"]
    list_select_related = ["organising_body"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["cluster", "year", "lead_unit", "deputy_unit", "leading_unit", "results_locked_at"]
    list_filter = ["year", "cluster__kind"]
    search_fields = ["cluster__name", "lead_unit__name"]
    autocomplete_fields = ["cluster", "lead_unit", "deputy_unit", "leading_unit", "next_lead_unit", "next_deputy_unit"]
    list_select_related = ["cluster", "lead_unit", "deputy_unit", "leading_unit"]
    inlines = [PhaseInline, TermMemberInline]
    actions = ["copy_last_years_criteria"]

    def save_related(self, request, form, formsets, change):
        """After the phases and members are saved: do what the current phase needs (the phase engine),
        e.g. open every member's sheet when the term is saved with self-assessment current."""
        super().save_related(request, form, formsets, change)
        repair_current_phase(term=form.instance)

    @admin.action(description=_("Copy the criteria of the previous year"))
    def copy_last_years_criteria(self, request, queryset):
        for term in queryset.select_related("cluster"):
            source = previous_term(term=term)
            if source is None:
                self.message_user(
                    request, _("{term}: no previous year to copy from.").format(term=term), messages.ERROR
                )
                continue
            try:
                copy_criteria(source=source, target=term)
            except DomainError as error:
                self.message_user(request, f"{term}: {error}", messages.ERROR)
            else:
                self.message_user(
                    request, _("{term}: criteria copied from {year}.").format(term=term, year=source.year)
                )


@admin.register(TermMember)
class TermMemberAdmin(admin.ModelAdmin):
    list_display = ["unit", "term"]
    search_fields = ["unit__name", "term__cluster__name"]
    autocomplete_fields = ["term", "unit"]
    list_select_related = ["unit", "term__cluster"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["term", "kind", "starts_on", "ends_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["term__cluster__name"]
    autocomplete_fields = ["term"]
    list_select_related = ["term__cluster"]

    def save_model(self, request, obj, form, change):
        """A phase saved current gets what entering it needs (the phase engine)."""
        super().save_model(request, obj, form, change)
        if obj.is_active:
            repair_current_phase(term=obj.term)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriterionGroup)
class CriterionGroupAdmin(admin.ModelAdmin):
    list_display = ["title", "term", "parent", "position"]
    search_fields = ["title", "term__cluster__name"]
    autocomplete_fields = ["term", "parent"]
    list_select_related = ["term__cluster", "parent"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "max_points", "group", "requires_evidence"]
    list_filter = ["kind", "requires_evidence"]
    search_fields = ["code", "title", "group__title"]
    autocomplete_fields = ["group"]
    list_select_related = ["group"]


class ScoreInline(ReadOnlyInline):
    model = Score
    related = ("criterion",)


@admin.register(Sheet)
class SheetAdmin(admin.ModelAdmin):
    list_display = ["unit", "term", "status", "version", "submitted_at", "reviewed_at"]
    list_filter = ["status"]
    search_fields = ["unit__name", "term__cluster__name"]
    autocomplete_fields = ["term", "unit"]
    list_select_related = ["unit", "term__cluster"]
    readonly_fields = ["version"]
    inlines = [ScoreInline]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["sheet", "criterion", "value", "self_points", "points"]
    search_fields = ["sheet__unit__name", "criterion__title"]
    autocomplete_fields = ["sheet", "criterion"]
    list_select_related = ["sheet__unit", "sheet__term__cluster", "criterion"]


@admin.register(Ballot)
class BallotAdmin(admin.ModelAdmin):
    list_display = ["term", "round", "voter", "choice", "cast_at"]
    list_filter = ["round"]
    search_fields = ["voter__name", "choice__name", "term__cluster__name"]
    autocomplete_fields = ["term", "voter", "choice"]
    list_select_related = ["term__cluster", "voter", "choice"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["unit", "kind", "rank", "term"]
    list_filter = ["kind"]
    search_fields = ["unit__name", "term__cluster__name"]
    autocomplete_fields = ["term", "unit"]
    list_select_related = ["unit", "term__cluster"]
