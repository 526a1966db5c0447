"""What every list page shares: pagination that keeps the filters in its links."""

from django_filters.views import FilterView

PAGE_SIZE = 25


class FilteredListView(FilterView):
    """A list = a queryset + a FilterSet + a template (NetBox's shape), paginated.

    Subclasses give `filterset_class`, `template_name` and `get_queryset()` that starts from the
    model's `visible_to(user)`, so no list can forget the permission filter.
    """

    paginate_by = PAGE_SIZE
    strict = False

    def export(self, rows):
        """The filtered rows as a download (an .xlsx response), for lists offering `?format=xlsx`."""
        return None

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "xlsx":
            download = self.export(self.object_list)
            if download is not None:
                return download
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["querystring"] = query.urlencode()
        return context
