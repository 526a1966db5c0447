"""The conference summary: its content, its HTML (the same for the PDF and the hash), its chart."""

import base64
import hashlib
from html import escape

from django.template.loader import render_to_string
from django.utils import translation

from clusters.models import Nomination
from clusters.words import supervising_body
from portal.numbers import format_number

from ..models import ClusterReport, Conference
from .compilation import compile_figures

CHART_WIDTH = 600
CHART_BAR_HEIGHT = 16


def number_vi(value):
    return format_number(value)


def chart_svg(summary):
    """A horizontal bar chart of one indicator's member figures, as SVG text (no external resource)."""
    figures = sorted(summary.by_unit.items(), key=lambda item: item[1], reverse=summary.indicator.higher_is_better)
    names = summary.unit_names
    label_width, value_width = 150, 60
    plot_width = CHART_WIDTH - label_width - value_width
    top = max((value for _pk, value in figures), default=0) or 1
    height = 30 + len(figures) * (CHART_BAR_HEIGHT + 4)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" font-family="Liberation Serif, DejaVu Serif, serif" font-size="11">',
        f'<text x="0" y="14" font-weight="bold">{escape(summary.indicator.name)}</text>',
    ]
    for index, (unit_pk, value) in enumerate(figures):
        y = 24 + index * (CHART_BAR_HEIGHT + 4)
        width = max(0, float(value) / float(top) * plot_width)
        parts.append(f'<text x="0" y="{y + 12}">{escape(names.get(unit_pk, ""))}</text>')
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{CHART_BAR_HEIGHT}" fill="#2f5d8a"/>'
        )
        parts.append(f'<text x="{label_width + width + 4:.1f}" y="{y + 12}">{escape(number_vi(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def chart_data_uri(svg):
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def summary_context(conference):
    """Everything the summary shows, loaded in a fixed number of queries. Reads only."""
    conference = Conference.objects.select_related(
        "term__cluster__organising_body", "term__lead_unit", "term__deputy_unit", "host_unit"
    ).get(pk=conference.pk)
    term = conference.term
    compilation = compile_figures(term=term, period=conference.period)
    names = {unit.pk: unit.short_name or unit.name for unit in compilation.members}
    charts = []
    for summary in compilation.indicators:
        summary.unit_names = names
        if summary.indicator.in_chart and summary.by_unit and len(charts) < 2:
            charts.append(chart_data_uri(chart_svg(summary)))
    return {
        "conference": conference,
        "term": term,
        "words": term.cluster.words.official,
        "supervising_body": supervising_body(term.cluster),
        "compilation": compilation,
        "cluster_report": ClusterReport.objects.filter(term=term, period=conference.period).first(),
        "attendees": list(conference.attendees.select_related("unit")),
        "attending_units": list(conference.attending_units.order_by("search_text")),
        "nominations": list(Nomination.objects.filter(term=term).select_related("unit").order_by("kind", "rank", "pk")),
        "adopted_documents": [line.strip() for line in conference.adopted_documents.splitlines() if line.strip()],
        "next_tasks": [line.strip() for line in conference.next_tasks.splitlines() if line.strip()],
        "charts": charts,
    }


def summary_html(conference, context=None):
    """The summary as a self-contained HTML document, always in Vietnamese."""
    with translation.override("vi"):
        return render_to_string("reports/summary.html", context or summary_context(conference))


def content_hash(html):
    return hashlib.sha256(html.encode("utf-8")).hexdigest()
