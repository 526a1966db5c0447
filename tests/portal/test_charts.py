"""The shared server-side charts (portal.charts): bars scale with their values, zero and empty data
draw nothing without dividing by zero, labels are escaped in the SVG and the table beside it."""

from decimal import Decimal

from django.template.loader import render_to_string

from portal.charts import BarRow, LineSeries, bar_chart, line_chart


def widths(chart):
    return [[float(segment.width) for segment in bar.segments] for bar in chart.bars]


def test_bars_scale_with_their_values_the_largest_filling_the_space():
    chart = bar_chart([BarRow("A", (10,)), BarRow("B", (5,)), BarRow("C", (Decimal("2.5"),))], title="t", bar_space=600)

    assert widths(chart) == [[600.0], [300.0], [150.0]]
    assert [bar.y for bar in chart.bars] == ["0", "28", "56"]
    assert chart.height == 3 * 28 + 10


def test_stacked_segments_follow_each_other_and_the_total_is_their_sum():
    chart = bar_chart(
        [BarRow("2024", (3, 1), links=("/a", "/b")), BarRow("2025", (2, 0))],
        title="t",
        series=["Bằng khen", "Cờ thi đua"],
        label_width=80,
        bar_space=400,
    )

    first, second = chart.bars
    assert [(s.x, s.width, s.link) for s in first.segments] == [("80.0", "300.0", "/a"), ("380.0", "100.0", "/b")]
    assert [s.series for s in second.segments] == ["Bằng khen"]  # a zero value draws no segment
    assert (first.shown, second.shown) == ("4", "2") and chart.stacked


def test_a_larger_value_gives_a_longer_bar_and_not_a_shorter_one():
    chart = bar_chart([BarRow("A", (7,)), BarRow("B", (8,))], title="t")

    assert widths(chart)[0][0] < widths(chart)[1][0]
    assert widths(chart)[0][0] != widths(chart)[1][0] - 1000


def test_zero_negative_and_empty_data_divide_by_nothing():
    zeros = bar_chart([BarRow("A", (0,)), BarRow("B", (Decimal("-3"),))], title="t")
    empty = bar_chart([], title="t")

    assert widths(zeros) == [[], []]
    assert zeros.bars[1].shown == "-3"  # shown as it is, drawn as nothing
    assert empty.bars == () and empty.height == 10
    assert "Không có" in render_to_string("portal/includes/chart_bars.html", {"chart": empty, "empty": "Không có"})


def test_long_labels_are_cut_and_kept_whole_in_the_tooltip():
    label = "Ủy ban nhân dân xã Gia Viễn, tỉnh Ninh Bình (sau sắp xếp 2025)"
    bar = bar_chart([BarRow(label, (1,))], title="t").bars[0]

    assert len(bar.name) == 34 and bar.label == label


def test_labels_are_escaped_in_the_svg_and_in_the_table():
    chart = bar_chart([BarRow('<script>alert("x")</script> & Co', (2,), link="/list?a=1&b=2")], title="<b>tiêu đề</b>")
    html = render_to_string("portal/includes/chart_bars.html", {"chart": chart})

    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp; Co" in html and 'href="/list?a=1&amp;b=2"' in html
    assert 'role="img"' in html and 'aria-label="&lt;b&gt;tiêu đề&lt;/b&gt;"' in html


def test_numbers_beside_the_chart_are_vietnamese_and_coordinates_are_not():
    from django.utils import translation

    with translation.override("vi"):
        chart = bar_chart([BarRow("A", (Decimal("1234.5"),), link="/x")], title="t")
        html = render_to_string("portal/includes/chart_bars.html", {"chart": chart})

    assert chart.bars[0].segments[0].width == "600.0"
    assert "1.234,5" in html and 'width="600.0"' in html and "600,0" not in html


def test_lines_place_years_evenly_and_ranks_with_one_at_the_top():
    chart = line_chart(
        [
            LineSeries("Xã A", {2023: 1, 2024: 3, 2025: 2}, links={2024: "/r/2024"}),
            LineSeries("Xã B", {2023: 3, 2025: 1}),
        ],
        title="t",
        xs=[2023, 2024, 2025],
        inverted=True,
        width=640,
        height=260,
    )

    first, second = chart.lines
    assert [p.x for p in first.points] == ["48.0", "332.0", "616.0"]
    assert [p.y for p in first.points] == ["16.0", "228.0", "122.0"]  # rank 1 at the top, 3 at the bottom
    assert first.path.startswith("M 48.0 16.0 L 332.0")
    assert second.path == "M 48.0 228.0 M 616.0 16.0"  # a year without a rank leaves a gap
    assert first.cells[1] == ("3", "/r/2024") and second.cells[1] == ("", "")


def test_lines_of_one_value_or_none_divide_by_nothing():
    flat = line_chart([LineSeries("A", {2025: 4})], title="t", xs=[2025])
    empty = line_chart([], title="t", xs=[2021, 2022])

    assert flat.lines[0].points[0].y == "122.0" and flat.lines[0].points[0].x == "332.0"  # the middle
    assert [tick.label for tick in flat.y_ticks] == ["4"]
    assert empty.lines == () and empty.y_ticks == ()
    html = render_to_string("portal/includes/chart_lines.html", {"chart": flat})
    assert 'role="img"' in html and "<circle" in html and "<title>A, 2025: 4</title>" in html
