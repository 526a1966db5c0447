from rules.contrib.views import PermissionRequiredMixin

from .audit import history_for


class ObjectPermissionMixin(PermissionRequiredMixin):
    """rules' permission check on the view's object, loading that object only once.

    Anonymous users are sent to the login page; signed-in users without the permission get 403.
    """

    def dispatch(self, request, *args, **kwargs):
        # Before the object is looked up: an anonymous visitor is sent to sign in, not shown a 404.
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if queryset is not None:
            return super().get_object(queryset)
        if not hasattr(self, "_permission_object"):
            self._permission_object = super().get_object()
        return self._permission_object


class HistoryMixin:
    """Adds the object's audit history to a detail page for users `history_rule` allows."""

    history_rule = None  # a rules predicate taking the user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.history_rule(self.request.user):
            context["history"] = history_for(self.object)
        return context
