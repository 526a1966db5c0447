"""The REST API's award records, decisions and proposals (issue 16).

Reads start from the pages' `visible_to(user)` querysets (a unit's token sees its own dossiers only;
another unit's answers 404). A unit's token creates a draft dossier, adds nominees, uploads documents
and submits it through the page's own forms and domain functions (`workflow.create_proposal`,
`add_nominee`, `documents.upload_document`, `submit`), so each rule refuses with the page's sentence.
"""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from portal.api.views import ApiViewSet, FormInvalid
from portal.lists import related_count

from .domain import workflow
from .domain.documents import upload_document
from .enums import CommendationType, DocumentKind
from .filters import AwardRecordFilterSet, ProposalFilterSet
from .forms import DocumentForm, NomineeForm, ProposalForm
from .models import Award, AwardRecord, Decision, Nominee, Proposal, ProposalDocument


class ApiProposalFilterSet(ProposalFilterSet):
    """The list page's filters; `award` declared an id for the schema (the page's filter, same method)."""

    award = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(queryset=Award.objects.all(), method="filter_award")
    )


class AwardSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class AwardRecordSerializer(serializers.ModelSerializer):
    award = AwardSummarySerializer(read_only=True)

    class Meta:
        model = AwardRecord
        fields = [
            "id",
            "recipient_name",
            "person",
            "unit",
            "is_collective",
            "is_household",
            "award",
            "year",
            "commendation_type",
            "decision",
            "decision_number",
            "decided_on",
            "amount",
            "source",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    unit = serializers.IntegerField(source="proposal.unit_id", read_only=True)
    records = AwardRecordSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "number",
            "signed_on",
            "signer",
            "level",
            "base_salary",
            "total_amount",
            "proposal",
            "unit",
            "records",
        ]


class NomineeSerializer(serializers.ModelSerializer):
    award = AwardSummarySerializer(read_only=True)
    recipient_name = serializers.CharField(read_only=True)

    class Meta:
        model = Nominee
        fields = [
            "id",
            "person",
            "unit",
            "recipient_name",
            "is_household",
            "award",
            "year",
            "achievement",
            "service_since_year",
            "initiative",
            "eligibility_status",
            "eligibility_explanation",
            "outcome",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProposalDocument
        fields = ["id", "kind", "original_name", "content_type", "size", "uploaded_at", "signature_state"]


class ProposalSerializer(serializers.ModelSerializer):
    nominee_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "unit",
            "title",
            "commendation_type",
            "year",
            "state",
            "deadline",
            "submitted_on",
            "returned_reasons",
            "notice_until",
            "movement_review",
            "cluster_term",
            "nominee_count",
        ]


class ProposalDetailSerializer(ProposalSerializer):
    nominees = NomineeSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    missing_documents = serializers.SerializerMethodField()

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "nominees", "documents", "missing_documents"]

    def get_missing_documents(self, proposal) -> list[str]:
        """The document kinds the dossier still lacks before it can be submitted."""
        return [str(kind.value) for kind in workflow.missing_documents(proposal)]


# What the writes accept (documentation for the schema; the page's forms validate them).
class ProposalInput(serializers.Serializer):
    unit = serializers.IntegerField(required=False, help_text="The token's unit (the default).")
    title = serializers.CharField(max_length=255)
    commendation_type = serializers.ChoiceField(choices=CommendationType.choices)
    year = serializers.IntegerField()
    movement_review = serializers.IntegerField(required=False, allow_null=True)
    cluster_term = serializers.IntegerField(required=False, allow_null=True)


class NomineeInput(serializers.Serializer):
    award = serializers.IntegerField()
    person = serializers.IntegerField(required=False, allow_null=True)
    unit = serializers.IntegerField(required=False, allow_null=True)
    achievement = serializers.CharField(required=False, allow_blank=True)
    is_household = serializers.BooleanField(required=False)
    initiative = serializers.IntegerField(required=False, allow_null=True)
    service_since_year = serializers.IntegerField(required=False, allow_null=True)


class DocumentInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    file = serializers.FileField()


class AwardRecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The award history, as on the records page (every signed-in user reads it)."""

    serializer_class = AwardRecordSerializer
    filterset_class = AwardRecordFilterSet
    rules = {"list": ("awards.list_awardrecord", None), "retrieve": (None, "awards.view_awardrecord")}
    queryset = AwardRecord.objects.none()

    def get_queryset(self):
        return (
            AwardRecord.objects.visible_to(self.request.user)
            .select_related("award")
            .order_by("search_text", "-year", "pk")
        )


class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Decisions on the proposals the token's user may see, each with its award records."""

    serializer_class = DecisionSerializer
    rules = {"list": ("awards.list_proposal", None), "retrieve": (None, "awards.view_decision")}
    permission_through = "proposal"
    queryset = Decision.objects.none()

    def get_queryset(self):
        records = AwardRecord.objects.select_related("award").order_by("pk")
        return (
            Decision.objects.filter(proposal__in=Proposal.objects.visible_to(self.request.user))
            .select_related("proposal__unit")
            .prefetch_related(Prefetch("records", queryset=records))
            .order_by("-signed_on", "-pk")
        )


class ProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Award proposals (dossiers): a unit's token reads and submits its own, the province's reads all."""

    filterset_class = ApiProposalFilterSet
    rules = {
        "list": ("awards.list_proposal", None),
        "retrieve": (None, "awards.view_proposal"),
        "create": ("awards.add_proposal", None),
        "nominees": (None, "awards.change_proposal"),
        "documents": (None, "awards.change_proposal"),
        "submit": (None, "awards.change_proposal"),
    }
    queryset = Proposal.objects.none()

    def get_serializer_class(self):
        return ProposalSerializer if self.action == "list" else ProposalDetailSerializer

    def get_queryset(self):
        proposals = (
            Proposal.objects.visible_to(self.request.user)
            .select_related("unit")
            .annotate(nominee_count=related_count(Nominee, "proposal"))
            .order_by("-year", "-pk")
        )
        if self.action != "list":
            nominees = Nominee.objects.select_related("award", "person", "unit").order_by("pk")
            proposals = proposals.prefetch_related(Prefetch("nominees", queryset=nominees), "documents")
        return proposals

    def detail_response(self, proposal, status_code=status.HTTP_200_OK):
        return Response(ProposalDetailSerializer(self.get_queryset().get(pk=proposal.pk)).data, status=status_code)

    @extend_schema(request=ProposalInput, responses={201: ProposalDetailSerializer})
    def create(self, request):
        """Create a draft dossier for the token's unit (the proposal page's form and rules)."""
        data = self.form_data()
        if not data.get("unit") and request.user.unit_id:
            data = data.copy() if hasattr(data, "copy") else dict(data)
            data["unit"] = str(request.user.unit_id)
        form = ProposalForm(data, user=request.user)
        if not form.is_valid():
            raise FormInvalid(form)
        proposal = self.perform(lambda: workflow.create_proposal(by=request.user, **form.cleaned_data))
        return self.detail_response(proposal, status.HTTP_201_CREATED)

    @extend_schema(request=NomineeInput, responses={201: NomineeSerializer})
    @action(detail=True, methods=["post"])
    def nominees(self, request, pk=None):
        """Add a nominee (a person or a unit within the unit's own) and check their eligibility."""
        proposal = self.get_object()
        form = NomineeForm(self.form_data(), proposal=proposal, user=request.user)
        if not form.is_valid():
            raise FormInvalid(form)
        nominee = self.perform(lambda: workflow.add_nominee(proposal=proposal, by=request.user, **form.cleaned_data))
        return Response(NomineeSerializer(nominee).data, status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": DocumentInput}, responses={201: DocumentSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def documents(self, request, pk=None):
        """Upload a dossier document (multipart: `kind`, `file`), checked by its content as on the page."""
        proposal = self.get_object()
        form = DocumentForm(request.data, request.FILES)
        if not form.is_valid():
            raise FormInvalid(form)
        document = self.perform(
            lambda: upload_document(
                proposal=proposal,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
                by=request.user,
            )
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ProposalDetailSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit the dossier to the provincial office (the officers are told, as from the page)."""
        proposal = self.get_object()
        proposal = self.perform(lambda: workflow.submit(proposal=proposal, by=request.user))
        return self.detail_response(proposal)


ROUTES = [
    ("award-records", AwardRecordViewSet, "award-record"),
    ("decisions", DecisionViewSet, "decision"),
    ("proposals", ProposalViewSet, "proposal"),
]
