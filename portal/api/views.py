"""What every API viewset shares: the rules check per action, domain errors as JSON, the audit actor."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework import exceptions, viewsets
from rest_framework.views import exception_handler as drf_exception_handler

from portal.audit import acting_as
from portal.errors import DomainError, constraint_message

from ..models import ApiToken
from .authentication import mark_used


class FormInvalid(exceptions.ValidationError):
    """A page's form refused the data: its messages by field (`non_field_errors` for the form's own)."""

    def __init__(self, form):
        errors = {
            ("non_field_errors" if field == "__all__" else field): [str(message) for message in messages]
            for field, messages in form.errors.items()
        }
        super().__init__(errors)


def exception_handler(exc, context):
    """DRF's handler, plus the portal's refusals: a DomainError (its Vietnamese sentence) or a
    constraint's message answer 400 {"detail": ...}; nothing was written (the action's transaction)."""
    if isinstance(exc, DomainError):
        exc = exceptions.ValidationError({"detail": exc.message})
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError({"detail": str(constraint_message(exc))})
    return drf_exception_handler(exc, context)


class ApiViewSet(viewsets.GenericViewSet):
    """A viewset of the portal's API.

    `rules` maps an action to (permission checked without an object, permission checked on the
    object), the same names the pages check; `get_queryset()` starts from `visible_to(user)`.
    """

    rules = {}
    permission_through = None  # the related object the rules are checked on (a decision's "proposal")

    def rule_for(self, action, *, on_object):
        pair = self.rules.get(action, (None, None))
        return pair[1] if on_object else pair[0]

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(
            request, getattr(obj, self.permission_through) if self.permission_through else obj
        )

    def form_data(self):
        """The request's fields as a page's form reads them (text values; JSON numbers and booleans too)."""
        data = self.request.data
        if hasattr(data, "getlist"):
            return data
        if not isinstance(data, dict):
            raise exceptions.ParseError(_("Send the fields as one JSON object."))
        return {key: "" if value is None else str(value) for key, value in data.items()}

    def perform(self, action):
        """Run `action()` in one transaction, its audit entries by the token's service user."""
        with acting_as(self.request.user), transaction.atomic():
            return action()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(getattr(request, "auth", None), ApiToken) and response.status_code < 400:
            mark_used(request.auth)
        return response
