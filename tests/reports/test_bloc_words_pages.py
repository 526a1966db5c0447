"""The reports pages naming a term's lead and deputy use the bloc's words for a bloc (Khối trưởng,
Khối phó, toàn Khối) and the cluster's for a cluster."""

import pytest

from clusters.enums import ClusterKind
from reports.enums import Period
from reports.models import ClusterReport, Conference, MemberReport
from tests.reports.conftest import make_south_west

CLUSTER_WORDS = ("Cụm trưởng", "Cụm phó", "Toàn Cụm", "toàn Cụm", "BC-CTĐ (")
BLOC_WORDS = ("Khối trưởng", "Khối phó", "Toàn Khối", "toàn Khối")


def pages(client, term):
    conference = Conference.objects.filter(term=term).first()
    # A report of our own: the demo's report holds text typed by officers, which names the cluster.
    report = ClusterReport.objects.update_or_create(term=term, period=Period.YEAR, defaults={"results": "Kết quả"})[0]
    member_report = MemberReport.objects.filter(term=term).first()
    urls = [
        f"/reports/conferences/{conference.pk}/",
        f"/reports/cluster/{report.pk}/",
        f"/reports/{member_report.pk}/",
    ]
    responses = {url: client.get(url) for url in urls}
    assert all(response.status_code == 200 for response in responses.values())
    return {url: response.content.decode() for url, response in responses.items()}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [ClusterKind.BLOC, ClusterKind.CLUSTER])
def test_reports_pages_name_the_lead_with_the_kind_s_words(client_as, officer, kind):
    term = make_south_west()
    term.cluster.kind = kind
    term.cluster.save()

    rendered = pages(client_as(officer), term)

    own, other = (BLOC_WORDS, CLUSTER_WORDS) if kind == ClusterKind.BLOC else (CLUSTER_WORDS, BLOC_WORDS)
    for url, page in rendered.items():
        if "conferences" in url or "cluster/" in url:
            assert own[0] in page and own[1] in page and own[2] in page, url
        assert [word for word in other if word in page] == [], url
