"""A bloc's conference summary speaks of its Khối trưởng, Khối phó and the whole Khối; a cluster's of
its Cụm: in the PDF and in the .docx alike."""

import io

import pytest

from clusters.enums import ClusterKind, OrganisingLevel
from portal.rendering import html_to_pdf
from reports.domain.docx_export import summary_docx
from reports.domain.summary import summary_html
from reports.models import Conference
from tests.reports.pdf import pdf_text

# The template's own words (the demo's texts typed by officers name the cluster, and may stay).
CLUSTER_WORDS = ("Cụm trưởng", "Cụm phó", "Toàn Cụm", "CỦA CỤM", "CTĐ", "CỤM TRƯỞNG", "trong Cụm;")


def _as_bloc(term):
    cluster = term.cluster
    cluster.kind = ClusterKind.BLOC
    cluster.organising_level = OrganisingLevel.PROVINCIAL
    cluster.save()
    return Conference.objects.get(term=term)


def _docx_text(data):
    from docx import Document

    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.mark.django_db
def test_a_blocs_summary_pdf_uses_bloc_words(south_west):
    conference = _as_bloc(south_west)
    conference.number = ""
    conference.save()

    text = pdf_text(html_to_pdf(summary_html(conference)))

    for words in ("Khối trưởng:", "Khối phó:", "Toàn Khối", "/BC-KTĐ", "CỦA KHỐI", "(KHỐI TRƯỞNG)"):
        assert words in text
    assert "Ban Thi đua - Khen thưởng tỉnh" in text
    for words in CLUSTER_WORDS:
        assert words not in text


@pytest.mark.django_db
def test_a_blocs_summary_docx_uses_bloc_words(south_west):
    text = _docx_text(summary_docx(_as_bloc(south_west)))

    assert "Khối trưởng: " in text and "Toàn Khối" in text and "CỦA KHỐI" in text
    for words in CLUSTER_WORDS:
        assert words not in text


@pytest.mark.django_db
def test_a_clusters_summary_keeps_cluster_words(south_west):
    html = summary_html(Conference.objects.get(term=south_west))

    assert "Cụm trưởng:" in html and "Toàn Cụm" in html and "(CỤM TRƯỞNG)" in html
    assert "Ban Thi đua - Khen thưởng Trung ương" in html
    assert "Khối" not in html
