"""The sign-in forms: a username longer than its column is refused with a message before anyone
(Django's authentication, django-axes' failure log with its 255-character `username`) stores it.

Django's AuthenticationForm only copies the username's max_length to the widget, so a 10,000
character login reached `authenticate()` and axes answered PostgreSQL's "value too long" as a 500.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _


class BoundedUsernameMixin:
    def clean_username(self):
        username = self.cleaned_data.get("username") or ""
        limit = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length or 150
        if len(username) > limit:
            raise forms.ValidationError(
                _("The username is at most {limit} characters long.").format(limit=limit), code="max_length"
            )
        return username

    def clean(self):
        if self.errors.get("username"):
            return self.cleaned_data  # never authenticate (nor log a failure for) an impossible username
        return super().clean()


class LoginForm(BoundedUsernameMixin, AuthenticationForm):
    pass


class AdminLoginForm(BoundedUsernameMixin, AdminAuthenticationForm):
    pass
