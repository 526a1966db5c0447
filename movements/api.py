"""The REST API's emulation movements (issue 16): read only, as the movement pages show them."""

from rest_framework import mixins, serializers

from portal.api.views import ApiViewSet

from .filters import MovementFilterSet
from .models import Movement


class MovementSerializer(serializers.ModelSerializer):
    participants = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Movement
        fields = [
            "id",
            "code",
            "name",
            "level",
            "kind",
            "scope",
            "state",
            "launching_authority",
            "plan_number",
            "plan_date",
            "starts_on",
            "ends_on",
            "lead_unit",
            "standing_unit",
            "objectives",
            "participants",
        ]


class MovementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Movements the token's user may follow (drafts only for the province), filtered as on the list page."""

    serializer_class = MovementSerializer
    filterset_class = MovementFilterSet
    rules = {"list": ("movements.view_movement", None), "retrieve": (None, "movements.view_movement")}
    queryset = Movement.objects.none()

    def get_queryset(self):
        return (
            Movement.objects.visible_to(self.request.user)
            .prefetch_related("participants")
            .order_by("search_text", "pk")
        )


ROUTES = [("movements", MovementViewSet, "movement")]
