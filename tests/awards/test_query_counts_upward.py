"""The proposal page's upward panel runs the same number of queries with 1 and with 3 packages, for the
officer (who may build and download) and the proposing unit (who sees the packages read-only); so does
the officer's check page."""

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
PAGES = (("proposal", "officer"), ("proposal", "unit_officer"), ("check", "officer"))


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
        urls = {
            "proposal": reverse("awards:proposal_detail", args=[proposal.pk]),
            "check": reverse("awards:upward_check", args=[proposal.pk]),
        }
        clients = {role: signed_in_client(cast[role]) for role in ROLES}

        def count(page, role):
            with CaptureQueriesContext(connection) as captured:
                response = clients[role].get(urls[page])
            assert response.status_code == 200 and "upward-packages" in response.content.decode()
            return len(captured)

        _package(proposal, 1, cast["officer"], sent=True)
        for key in PAGES:  # warm the per-process caches (content types) first
            count(*key)
        one = {key: count(*key) for key in PAGES}
        _package(proposal, 2, cast["officer"], sent=True)
        _package(proposal, 3, cast["officer"])
        results = {key: (one[key], count(*key)) for key in PAGES}
    return results


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize(("page", "role"), PAGES)
def test_the_upward_panel_and_check_page_are_constant(shared_data, page, role):
    one_row, many_rows = shared_data.objects[(page, role)]
    assert many_rows == one_row
