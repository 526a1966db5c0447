from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Person, Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "code", "parent", "valid_from", "valid_until", "successor"]
    list_filter = ["kind", "valid_until"]
    search_fields = ["name", "short_name", "code", "search_text"]
    autocomplete_fields = ["parent", "successor"]
    list_select_related = ["parent", "successor"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "gender", "position", "unit"]
    list_filter = ["gender"]
    search_fields = ["full_name", "search_text"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "full_name",
        "unit",
        "is_provincial_officer",
        "is_unit_officer",
        "is_council_member",
        "is_superuser",
        "is_active",
    ]
    list_filter = ["is_provincial_officer", "is_unit_officer", "is_council_member", "is_superuser", "is_active"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "unit")}),
        (
            _("Roles"),
            {
                "fields": (
                    "is_provincial_officer",
                    "is_unit_officer",
                    "is_council_member",
                    "is_superuser",
                    "is_staff",
                    "is_active",
                )
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "unit", "password1", "password2")}),
    )
