"""The proposal page's upward panel runs the same number of queries with 1 and with 3 packages, for the
officer (who may build and download) and the proposing unit (who sees the packages read-only)."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import UpwardPackage
from tests.factories.awards import NomineeFactory, ProposalFactory, catalogue_award
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

pytestmark = pytest.mark.django_db
ROLES = ("officer", "unit_officer")


def _package(proposal, number, by, sent=False):
    package = UpwardPackage(
        proposal=proposal,
        number=number,
        built_at=timezone.now() - timedelta(days=10 - number),
        built_by=by,
        sha256="0" * 64,
        size=4,
        manifest={},
        sent_at=timezone.now() if sent else None,
        sent_by=by if sent else None,
        reference="TW-1" if sent else "",
    )
    package.file.save(f"goi-{number}.zip", ContentFile(b"PK\x05\x06"), save=False)
    package.save()
    return package


def measure(cast):
    results = {}
    with rolled_back():
        proposal = ProposalFactory(unit=cast["member_unit"], state="decided")
        NomineeFactory(proposal=proposal, award=catalogue_award("BKTTG-CN"))
        url = reverse("awards:proposal_detail", args=[proposal.pk])
        clients = {role: signed_in_client(cast[role]) for role in ROLES}

        def count(role):
            with CaptureQueriesContext(connection) as captured:
                response = clients[role].get(url)
            assert response.status_code == 200 and 'id="upward"' in response.content.decode()
            return len(captured)

        _package(proposal, 1, cast["officer"], sent=True)
        one = {role: count(role) for role in ROLES}
        _package(proposal, 2, cast["officer"], sent=True)
        _package(proposal, 3, cast["officer"])
        results = {role: (one[role], count(role)) for role in ROLES}
    return results


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize("role", ROLES)
def test_the_upward_panel_is_constant(shared_data, role):
    one_row, many_rows = shared_data.objects[role]
    assert many_rows == one_row
