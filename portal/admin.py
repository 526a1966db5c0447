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


# --- REST API (issue 16, api): administrators issue and revoke the systems' tokens. ---
from django import forms  # noqa: E402
from django.contrib import messages  # noqa: E402
from django.template.response import TemplateResponse  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402

from .api.tokens import issue_token, revoke_token  # noqa: E402
from .errors import DomainError  # noqa: E402
from .models import ApiToken  # noqa: E402


class RevokeTokensForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for revoking"), widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Issue a token (its key is shown once, in a message, and never again) and revoke it with a
    reason (the action); nothing of a token is edited after it is issued."""

    list_display = ["name", "prefix", "scope", "unit", "created_at", "created_by", "last_used_at", "revoked_at"]
    list_filter = ["scope", "revoked_at"]
    search_fields = ["name", "prefix"]
    list_select_related = ["unit", "created_by"]
    autocomplete_fields = ["unit"]
    fields = ["name", "scope", "unit"]
    shown_after = [
        "name",
        "scope",
        "unit",
        "prefix",
        "user",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
    ]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return self.shown_after if obj is not None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return self.shown_after if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the audit history and the service user stay

    def save_model(self, request, obj, form, change):
        if change:
            return
        token, key = issue_token(name=obj.name, scope=obj.scope, unit=obj.unit, by=request.user)
        for field in token._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding = False
        messages.warning(
            request,
            _("The key of {name}, shown this once (only its hash is kept): {key}").format(name=token.name, key=key),
        )

    @admin.action(description=gettext_lazy("Revoke the selected tokens (with a reason)"))
    def revoke(self, request, queryset):
        form = RevokeTokensForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            revoked = 0
            for token in queryset.filter(revoked_at__isnull=True):
                try:
                    revoke_token(token=token, by=request.user, reason=form.cleaned_data["reason"])
                except DomainError as error:
                    messages.error(request, str(error))
                else:
                    revoked += 1
            messages.success(request, _("{count} tokens were revoked.").format(count=revoked))
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke API tokens"),
            "tokens": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/portal/apitoken/revoke.html", context)


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
