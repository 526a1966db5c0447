"""The upward package's demo (issue 16, upward): a decided dossier complete enough to package (a visitor
builds it), and one the check refuses for its missing cover letter."""

import pytest

from awards.domain import demo
from awards.domain.demo_upward import COMPLETE, INCOMPLETE
from awards.domain.upward.package import build_package, check_package
from awards.models import Proposal
from directory.domain import demo as directory_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_has_a_dossier_ready_to_package_and_one_missing_its_cover_letter(settings, tmp_path, officer):
    settings.MEDIA_ROOT = tmp_path
    directory_demo.seed(with_logins=True)
    demo.seed(with_logins=True)

    complete, incomplete = Proposal.objects.get(title=COMPLETE), Proposal.objects.get(title=INCOMPLETE)
    assert (complete.state, incomplete.state) == ("decided", "decided")
    assert check_package(complete) == []
    assert [problem.key for problem in check_package(incomplete)] == ["cover_letter"]
    demo.seed(with_logins=True)
    assert Proposal.objects.filter(title__in=[COMPLETE, INCOMPLETE]).count() == 2
    package = build_package(proposal=complete, by=officer)  # what the visitor's button does
    assert package.sent_at is None and len(package.manifest["files"]) == 9
