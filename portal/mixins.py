"""The one way a class view authorises (function views: `portal.permissions`), and shows history.

    class ProposalListView(PermissionMixin, FilteredListView):          # a permission, no object
        permission_required = "awards.list_proposal"

    class ProposalDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
        permission_required = "awards.view_proposal"                  # checked on the page's object

    class ReviewQueueView(ObjectPermissionMixin, FilteredListView):   # a list of one object's rows
        permission_required = "clusters.queue_term"
        object_source = Term.objects.select_related("cluster")        # loaded from the URL's pk

Anonymous visitors are sent to the login page before any lookup; signed-in users the rule refuses
get 403. The object is loaded once per request (`self.get_object()` returns the same instance).
"""

from operator import attrgetter

from rules.contrib.views import PermissionRequiredMixin

from .audit import history_visible_to
from .permissions import load_object


class PermissionMixin(PermissionRequiredMixin):
    """A permission without an object (lists, create forms): anonymous -> login, no right -> 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return None


class ObjectPermissionMixin(PermissionRequiredMixin):
    """rules' permission check on the view's object, loading that object only once.

    - Detail/update views check `permission_required` on `get_object()` (create views: on nothing).
    - `permission_through = "proposal"` checks it on `get_object().proposal` instead.
    - Views without their own object (a list of a term's sheets) set `object_source` (a model, a
      queryset or `callable(request)`) and `object_kwarg`; `get_object()` then returns that row.
    """

    permission_through = None
    object_source = None
    object_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        # Before the object is looked up: an anonymous visitor is sent to sign in, not shown a 404.
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if queryset is not None:
            return super().get_object(queryset)
        if not hasattr(self, "_permission_object"):
            if self.object_source is not None:
                self._permission_object = load_object(
                    self.object_source, self.request, pk=self.kwargs[self.object_kwarg]
                )
            else:
                self._permission_object = super().get_object()
        return self._permission_object

    def get_permission_object(self):
        target = super().get_permission_object()
        if target is not None and self.permission_through:
            return attrgetter(self.permission_through)(target)
        return target


class HistoryMixin:
    """Adds the object's audit history (`history`) to a detail page, for those allowed to see it.

    Override `history_children(obj)` to return querysets of rows whose changes belong in it.
    """

    def history_children(self, obj):
        return ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_visible_to(
            self.request.user, self.object, children=self.history_children(self.object)
        )
        return context
