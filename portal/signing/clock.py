"""Signing times in Vietnam time (+07:00), written in ISO 8601 as Decree 30 (Appendix I) asks."""

from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def vietnam_now():
    """Now in Vietnam time, to the second."""
    return datetime.now(VIETNAM).replace(microsecond=0)


def iso_vietnam(moment):
    """ISO 8601 in Vietnam time, e.g. 2026-12-02T13:05:00+07:00."""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()
