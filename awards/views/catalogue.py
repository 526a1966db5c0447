"""The award catalogue for officers: each award with its level, who confers it, the commendation
types it may be used for, the documents it needs and the coefficient in force today."""

from django.db.models import Prefetch
from django.utils import timezone

from portal.lists import FilteredListView
from portal.mixins import PermissionMixin

from ..enums import CommendationType, DocumentKind, ParameterKind
from ..filters import AwardCatalogueFilterSet
from ..models import Award, LegalParameter


class AwardCatalogueView(PermissionMixin, FilteredListView):
    permission_required = "awards.list_award"
    filterset_class = AwardCatalogueFilterSet
    template_name = "awards/catalogue.html"

    def get_queryset(self):
        today = timezone.localdate()
        in_force = LegalParameter.objects.filter(
            kind__in=ParameterKind.per_award(), effective_from__lte=today
        ).order_by("-effective_from", "-pk")
        return (
            Award.objects.visible_to(self.request.user)
            .prefetch_related(Prefetch("parameters", queryset=in_force, to_attr="in_force"))
            .order_by("level", "-rank", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [catalogue_row(award) for award in context["object_list"]]
        return context


def catalogue_row(award):
    """What the page shows of one award (its prefetched parameters in force, latest first)."""
    current = {}
    for parameter in award.in_force:
        current.setdefault(parameter.kind, parameter)
    types = [CommendationType(kind).label for kind in award.commendation_types or [] if kind in CommendationType]
    documents = [DocumentKind(kind).label for kind in award.required_documents or [] if kind in DocumentKind]
    return {
        "award": award,
        "types": types,
        "documents": documents,
        "coefficient": current.get(ParameterKind.COEFFICIENT),
        "contribution_years": current.get(ParameterKind.CONTRIBUTION_YEARS),
        "service_years": current.get(ParameterKind.SERVICE_YEARS),
    }
