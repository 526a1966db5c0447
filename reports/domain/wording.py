"""The Vietnamese words and figures of the official summary (PDF, .docx and the page alike)."""

from portal.numbers import format_number, format_percent

# The summary is an official Vietnamese document: its units and kinds do not depend on the
# reader's language (nor on compiled catalogues in the worker).
MEASURE_UNITS_VI = {
    "percent": "%",
    "billion_vnd": "tỷ đồng",
    "million_usd": "triệu USD",
    "billion_usd": "tỷ USD",
    "rank": "thứ hạng",
    "points": "điểm",
    "count": "đơn vị",
    "million_visitors": "triệu lượt khách",
}
CONFERENCE_KINDS_VI = {
    "half_year": "Hội nghị sơ kết 6 tháng",
    "year_end": "Hội nghị tổng kết năm",
    "launch": "Hội nghị phát động thi đua",
}


def unit_vi(code):
    return MEASURE_UNITS_VI.get(code, code)


def kind_vi(code):
    return CONFERENCE_KINDS_VI.get(code, code)


def with_unit(value, measure_unit):
    """8.2 + percent -> "8,2%"; 8.493 + billion_usd -> "8,493 tỷ USD"."""
    if value is None or value == "":
        return "—"
    if measure_unit == "percent":
        return format_percent(value)
    return f"{format_number(value)} {MEASURE_UNITS_VI.get(measure_unit, '')}".strip()
