"""The API's permission classes: a token is required, and the province's token only reads.

Object rules are the pages' own: viewsets start from `visible_to(request.user)` (a hidden row is a
404) and check the rules permission a page checks (`ApiRule`) on the object.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from ..models import ApiToken


class TokenScope(permissions.BasePermission):
    """A token is needed for everything; a province (read-only) token never writes."""

    message = _("This API key only reads: the province's token cannot write.")

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        return request.method in permissions.SAFE_METHODS or not token.read_only


class ApiRule(permissions.BasePermission):
    """The rules permission named by the view for the action (`view.rule_for(action)`), on the object
    for object actions and without one for list/create actions: the same as the page's check."""

    message = _("You do not have permission to do this.")

    def has_permission(self, request, view):
        name = view.rule_for(getattr(view, "action", None), on_object=False)
        return name is None or request.user.has_perm(name)

    def has_object_permission(self, request, view, obj):
        name = view.rule_for(getattr(view, "action", None), on_object=True)
        return name is None or request.user.has_perm(name, obj)
