"""The upward package's demo (issue 16, upward): a forwarded dossier with its package built, and one the
check refuses for its missing cover letter."""

import pytest

from awards.domain import demo
from awards.domain.demo_upward import COMPLETE, INCOMPLETE
from awards.domain.upward.package import check_package
from awards.models import Proposal, UpwardPackage
from directory.domain import demo as directory_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_has_a_built_package_and_a_dossier_missing_its_cover_letter(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    directory_demo.seed(with_logins=True)
    demo.seed(with_logins=True)

    complete, incomplete = Proposal.objects.get(title=COMPLETE), Proposal.objects.get(title=INCOMPLETE)
    assert (complete.state, incomplete.state) == ("forwarded", "forwarded")
    package = UpwardPackage.objects.get(proposal=complete)
    assert package.sent_at is None and len(package.manifest["files"]) == 9
    assert check_package(complete) == []
    assert [problem.key for problem in check_package(incomplete)] == ["cover_letter"]
    demo.seed(with_logins=True)
    assert UpwardPackage.objects.count() == 1
