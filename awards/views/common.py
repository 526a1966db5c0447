"""What the award screens share: the querysets they load objects from, and the way back to a proposal."""

from django.http import HttpResponseRedirect
from django.urls import reverse

from ..enums import ProposalState
from ..models import Nominee, Proposal

QUEUE_STATES = (ProposalState.SUBMITTED, ProposalState.UNDER_VERIFICATION)

PROPOSALS = Proposal.objects.select_related("unit")

NOMINEES = Nominee.objects.select_related("proposal__unit")


def to_proposal(proposal):
    return HttpResponseRedirect(reverse("awards:proposal_detail", args=[proposal.pk]))
