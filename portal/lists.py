"""What every list page shares: pagination that keeps the filters in its links."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django_filters.views import FilterView

PAGE_SIZE = 25
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows (`SELECT COUNT(*) FROM (… LIMIT 10001)`): a list over hundreds of
    thousands of proposals or records never counts them all on every view. Beyond the cap the page
    says "more than 10,000" (`capped`) and offers the first COUNT_CAP rows' pages; filters narrow it."""

    @cached_property
    def _counted(self):
        return self.object_list[: COUNT_CAP + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, COUNT_CAP)

    @cached_property
    def capped(self):
        return self._counted > COUNT_CAP


class FilteredListView(FilterView):
    """A list = a queryset + a FilterSet + a template (NetBox's shape), paginated.

    Subclasses give `filterset_class`, `template_name` and `get_queryset()` that starts from the
    model's `visible_to(user)`, so no list can forget the permission filter.
    """

    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator
    strict = False

    def export(self, rows):
        """The filtered rows as a download (an .xlsx response), for lists offering `?format=xlsx`."""
        return None

    def offers_export(self):
        return type(self).export is not FilteredListView.export

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "xlsx" and self.offers_export():
            from django.conf import settings

            limit = settings.EXPORT_INLINE_MAX_ROWS
            if _bounded_count(self.object_list, limit) > limit:
                # Too many rows for the request: a worker makes the file (portal.exports).
                from .exports import export_later

                return export_later(self)
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


def _bounded_count(rows, limit):
    """How many rows, counting at most `limit + 1` (`rows[:n+1].count()`: never the whole table)."""
    from django.db.models import QuerySet

    return rows[: limit + 1].count() if isinstance(rows, QuerySet) else len(rows[: limit + 1])


def list_view(view_class, user, query="", *, check_permission=False, **kwargs):
    """The list view `view_class` set up for `user` and the GET query `query` as its page would be,
    outside any request: `filterset` and `object_list` (the rows the page shows) set.

    `list_rows` counts with it; an export job (`portal.exports`) calls the view's `export(rows)` on
    it. With `check_permission` the view's own permission check runs first (`has_permission()` of
    `portal.mixins`: PermissionDenied when refused, Http404 when its object is gone or hidden).
    """
    from django.core.exceptions import PermissionDenied
    from django.http import HttpRequest, QueryDict

    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(query)
    request.user = user
    view = view_class()
    view.setup(request, **kwargs)
    if check_permission and hasattr(view, "has_permission") and not view.has_permission():
        raise PermissionDenied
    view.filterset = view.get_filterset(view.get_filterset_class())
    if view.filterset.is_bound and not view.filterset.is_valid() and view.get_strict():
        view.object_list = view.filterset.queryset.none()
    else:
        view.object_list = view.filterset.qs
    return view


def list_rows(view_class, user, query="", **kwargs):
    """The rows the list page `view_class` shows to `user` for the GET query `query` ("state=x").

    Dashboards count their figures with it, so that a figure is the number of rows of the list it
    links to (`list_link`): the same `get_queryset()` and the same FilterSet, never a second query
    written by hand. `kwargs` are the URL's arguments (a term's review queue: `pk=term.pk`).
    """
    return list_view(view_class, user, query, **kwargs).object_list


def list_link(url_name, query="", **kwargs):
    """The address of the list page `list_rows` counted (`url_name` with `kwargs`, then `?query`)."""
    from django.urls import reverse

    url = reverse(url_name, kwargs=kwargs or None)
    return f"{url}?{query}" if query else url


def related_count(model, field):
    """The number of `model` rows whose `field` points at the outer row, as a correlated subquery:
    `.annotate(nominee_count=related_count(Nominee, "proposal"))`. Unlike `Count("nominees")` it needs
    no GROUP BY over the whole table: the database counts only for the rows of the page shown."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    counts = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk"))
    return Coalesce(Subquery(counts.values("n"), output_field=IntegerField()), 0)
