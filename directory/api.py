"""The REST API's units (issue 16): read only, what every signed-in user reads on the directory pages."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers

from portal.api.views import ApiViewSet

from .filters import UnitFilterSet
from .models import Unit


class ApiUnitFilterSet(UnitFilterSet):
    """The list page's filters; `province` declared an id for the schema (the page's filter, same method)."""

    province = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(queryset=Unit.objects.provinces(), method="filter_province")
    )


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "is_enterprise",
            "valid_from",
            "valid_until",
            "successor",
        ]


class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Units of the directory, current and past (`?status=current`), searchable without diacritics (`?q=`)."""

    serializer_class = UnitSerializer
    filterset_class = ApiUnitFilterSet
    rules = {"list": ("directory.view_unit", None), "retrieve": (None, "directory.view_unit")}
    queryset = Unit.objects.none()  # the schema's model; requests read get_queryset()

    def get_queryset(self):
        return Unit.objects.visible_to(self.request.user).order_by("search_text", "pk")


ROUTES = [("units", UnitViewSet, "unit")]
