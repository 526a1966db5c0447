"""Checking a rules permission in a function view, the same way the class-based views do."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def permission_required(permission, *, object_getter=None):
    """Anonymous visitors go to the login page; signed-in users without `permission` get 403.

    `object_getter(request, **kwargs)` returns the object the permission is checked against.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = object_getter(request, **kwargs) if object_getter else None
            if not request.user.has_perm(permission, target):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
