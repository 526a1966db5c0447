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
from .statforms import StatForm, StatReport

__all__ = [
    "ClusterReport",
    "Conference",
    "ConferenceAttendee",
    "Indicator",
    "IndicatorValue",
    "MemberReport",
    "RenderJob",
    "ReportAttachment",
    "StatForm",
    "StatReport",
    "attachment_path",
    "conference_window",
    "summary_path",
]
