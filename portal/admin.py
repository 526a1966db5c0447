"""Shared pieces of the Django admin pages (configuration only: everyday work has its own pages)."""

from django.contrib import admin


class ReadOnlyInline(admin.TabularInline):
    """A record's child rows shown read only, in one query however many there are (`related` are
    select_related): editable inlines with autocompletes cost a query per row and field, and the rows
    are users' work, corrected on the portal's pages with a reason. Each row links to its own page."""

    extra = 0
    can_delete = False
    show_change_link = True
    related = ()

    def _shown(self):
        """The fields given, or every concrete field but the id and the link to the parent record."""
        if self.fields:
            return list(self.fields)
        return [
            field.name
            for field in self.model._meta.fields
            if not field.primary_key and not (field.is_relation and field.related_model is self.parent_model)
        ]

    def get_fields(self, request, obj=None):
        return self._shown()

    def get_readonly_fields(self, request, obj=None):
        return self._shown()

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        links = [
            name for name in self._shown() if self.model._meta.get_field(name).is_relation
        ]  # every shown link, loaded with the rows
        return super().get_queryset(request).select_related(*{*self.related, *links})


# --- Signed originals (issue 15, originals): listed for administrators, never added, changed nor deleted here ---
from .models import SignedVersion  # noqa: E402


@admin.register(SignedVersion)
class SignedVersionAdmin(admin.ModelAdmin):
    list_display = ["key", "object_id", "number", "signature_state", "signer_name", "how", "made_by", "made_at"]
    list_filter = ["key", "signature_state", "how"]
    search_fields = ["signer_name", "certificate_subject", "sha256"]
    list_select_related = ["made_by"]
    readonly_fields = [field.name for field in SignedVersion._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
