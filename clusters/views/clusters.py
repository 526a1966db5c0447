"""The list of clusters and blocs, and one cluster with its yearly terms."""

from django.db.models import Count
from django.views.generic import DetailView

from portal.lists import FilteredListView
from portal.mixins import HistoryMixin, ObjectPermissionMixin, PermissionMixin

from ..filters import ClusterFilterSet
from ..models import Cluster, Term
from .common import TERM_RELATED


class ClusterListView(PermissionMixin, FilteredListView):
    permission_required = "clusters.list_cluster"
    filterset_class = ClusterFilterSet
    template_name = "clusters/cluster_list.html"

    def get_queryset(self):
        return (
            Cluster.objects.visible_to(self.request.user)
            .select_related("organising_body")
            .annotate(term_count=Count("terms"))
            .order_by("search_text", "pk")
        )


class ClusterDetailView(ObjectPermissionMixin, HistoryMixin, DetailView):
    permission_required = "clusters.view_cluster"
    template_name = "clusters/cluster_detail.html"
    queryset = Cluster.objects.select_related("organising_body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["terms"] = list(
            Term.objects.visible_to(self.request.user)
            .filter(cluster=self.object)
            .select_related(*TERM_RELATED)
            .annotate(member_count=Count("memberships", distinct=True))
            .order_by("-year")
        )
        return context
