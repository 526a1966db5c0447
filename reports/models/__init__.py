"""The reports app's models: half-year reports and conferences (halfyear), statistical forms (statforms)."""

from .halfyear import (
    ClusterReport,
    Conference,
    ConferenceAttendee,
    Indicator,
    IndicatorValue,
    MemberReport,
    RenderJob,
    ReportAttachment,
    attachment_path,
    conference_window,
    summary_path,
)

__all__ = [
    "ClusterReport",
    "Conference",
    "ConferenceAttendee",
    "Indicator",
    "IndicatorValue",
    "MemberReport",
    "RenderJob",
    "ReportAttachment",
    "attachment_path",
    "conference_window",
    "summary_path",
]
