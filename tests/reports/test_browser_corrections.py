"""In Chromium: a lead returns a member report with a reason, the member corrects a figure and
submits again, and the report's history shows the figure's before and after with the reason."""

import re
from decimal import Decimal

import pytest

from directory.enums import UnitKind
from reports.enums import ReportStatus
from reports.models import MemberReport
from tests.factories import UnitFactory, UserFactory
from tests.factories.reports import IndicatorFactory, submitted_report, term_with_members

REASON = "Tốc độ tăng trưởng GRDP chưa khớp với số liệu của Cục Thống kê."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_lead_returns_member_corrects_and_history_shows_the_figure(page, sign_in_page, officer):
    lead = UserFactory(
        username="cumtruong", unit=UnitFactory(name="Long An", kind=UnitKind.PROVINCE), is_unit_officer=True
    )
    member = UserFactory(
        username="thanhvien", unit=UnitFactory(name="Tiền Giang", kind=UnitKind.PROVINCE), is_unit_officer=True
    )
    term = term_with_members(lead=lead.unit, members=[member.unit])
    indicator = IndicatorFactory(code="grdp", name="Tốc độ tăng trưởng GRDP")
    report = submitted_report(term=term, unit=member.unit, figures={indicator: Decimal("8")})
    page.on("dialog", lambda dialog: dialog.accept())

    def switch_to(user):
        page.context.clear_cookies()
        sign_in_page(user)
        page.goto(f"/reports/{report.pk}/")

    def submit(selector):
        with page.expect_navigation():
            page.click(selector)

    # The lead returns the report with a reason.
    switch_to(lead)
    submit("#return-report")
    page.fill("#id_reason", REASON)
    submit("button[type=submit].danger")
    assert REASON in page.locator("#return-reason").inner_text()

    # The member sees the reason, corrects the figure and submits again.
    switch_to(member)
    assert REASON in page.locator("#return-reason").inner_text()
    page.goto(f"/reports/{report.pk}/edit/")
    page.fill(f"#id_indicator_{indicator.pk}", "9,5")
    submit("button[type=submit].primary")
    submit("form[action$='/submit/'] button[type=submit]")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert MemberReport.objects.get(pk=report.pk).values.get().value == Decimal("9.5")

    # The office reads the history: the figure's before and after, beside the reason.
    switch_to(officer)
    rows = page.locator("section.history tbody tr").all_inner_texts()
    # The figure's row names the figure, gives before 8 and after 9.5 (however the history writes a
    # decimal: 8.0000 or 8) and the reason.
    figure_rows = [text for text in rows if re.search(r"\b8(?:[.,]0+)? → 9[.,]50*\b", text)]
    assert len(figure_rows) == 1, rows
    assert indicator.name in figure_rows[0] and REASON in figure_rows[0]
