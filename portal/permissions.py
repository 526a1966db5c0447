"""The one way a function view loads and authorises what it acts on (class views: `portal.mixins`).

    @object_view(Proposal.objects.select_related("unit"), "awards.change_proposal")
    def nominee_add(request, proposal): ...

    @permission_required("awards.add_proposal")
    def nominee_template(request): ...

Both send an anonymous visitor to the login page before anything is looked up (so a missing
object never answers 404 to someone who has not signed in) and answer 403 to a signed-in user the
rule refuses. `object_view` loads the object once (404 when absent) and passes it to the view in
place of the URL argument it was found by; the view never loads it again.
"""

from functools import wraps
from operator import attrgetter

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

__all__ = ["load_object", "object_view", "permission_for", "permission_required"]


def _queryset(source, request):
    """A model, a queryset, or `callable(request) -> queryset` (for `visible_to(request.user)`)."""
    if isinstance(source, type) and issubclass(source, models.Model):
        return source._default_manager.all()
    if isinstance(source, models.QuerySet):
        return source.all()
    return source(request)


def load_object(source, request, **lookup):
    """The one row of `source` matching `lookup`, or Http404."""
    queryset = _queryset(source, request)
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def permission_for(permission, request, kwargs):
    """The permission name a request needs.

    `permission` is a name ("app.perm"); a mapping by HTTP method ({"GET": "app.view_x", "POST":
    "app.change_x"}, "*" for any other method; a method absent from it answers 404); or
    `callable(request, **kwargs) -> name` (None answers 404, for an unknown action in the URL).
    """
    if isinstance(permission, str):
        return permission
    if isinstance(permission, dict):
        name = permission.get(request.method, permission.get("*"))
    else:
        name = permission(request, **kwargs)
    if name is None:
        raise Http404
    return name


def _authorise(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def permission_required(permission):
    """A function view without an object: anonymous -> login, no right -> 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            _authorise(request, permission_for(permission, request, kwargs), None)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def object_view(source, permission, *, lookup="pk", kwarg="pk", check_on=None):
    """A function view on one object: load it once, check the rule on it, pass it to the view.

    - `source`: the model, a queryset (with the select_related the view needs), or
      `callable(request) -> queryset` when what a user may see depends on them (a hidden row 404s).
    - `permission`: see `permission_for`.
    - `lookup`/`kwarg`: the field matched against the URL argument `kwarg`; the view receives the
      object as its second positional argument and the other URL arguments by name.
    - `check_on`: a dotted attribute path when the rule is about a related object
      (`check_on="proposal"` checks the permission on `document.proposal`).
    """
    through = attrgetter(check_on) if check_on else None

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            needed = permission_for(permission, request, kwargs)
            value = kwargs.pop(kwarg)
            obj = load_object(source, request, **{lookup: value})
            _authorise(request, needed, through(obj) if through else obj)
            return view(request, obj, *args, **kwargs)

        return wrapped

    return decorator
