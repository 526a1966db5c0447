"""A whole new year of a bloc in headless Chromium, with no Django admin.

Built here: a bloc with last year's term (4 member units, criteria, phase plan, the lead and deputy it
elected) and the officers' users. Everything after that goes through the pages: the provincial
officer creates the term from last year's, edits a criterion and the phase dates and opens
self-assessment; three members fill and submit; the lead reviews (the deputy reviews the lead's own
sheet), returns one and accepts it after resubmission; two members tie exactly ("đồng hạng") and are
ordered by the rule; the vote goes two rounds and the lead and the deputy both confirm; the results
lock and the nominations appear; the officer reopens the vote with a reason and the leading unit is
cleared. One browser context per user, pages reused.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clusters.enums import ClusterKind, CriterionKind, PhaseKind, SheetStatus
from clusters.models import Criterion, Nomination, Phase, Sheet, Term
from tests.conftest import PASSWORD
from tests.factories import UnitFactory, UserFactory
from tests.factories.clusters import (
    ClusterFactory,
    CriterionFactory,
    CriterionGroupFactory,
    TermFactory,
    TermMemberFactory,
)


def last_years_term(today):
    """The bloc's term of last year, with phases that, moved to this year, are all still to come."""
    lead, deputy, third, fourth = (
        UnitFactory(name=name) for name in ("Thành phố Hoa Lư", "Thành phố Tam Điệp", "Huyện Nho Quan", "Huyện Yên Mô")
    )
    bloc = ClusterFactory(kind=ClusterKind.BLOC, name="Khối thi đua các huyện, thành phố")
    term = TermFactory(
        cluster=bloc,
        year=today.year - 1,
        lead_unit=third,
        deputy_unit=lead,
        next_lead_unit=lead,
        next_deputy_unit=deputy,
        vote_candidates=3,
        certificate_count=2,
        quorum=3,  # the member that sends no sheet does not vote either
    )
    for unit in (lead, deputy, third, fourth):
        TermMemberFactory(term=term, unit=unit)
    first = CriterionGroupFactory(term=term, title="I. Nhiệm vụ chính trị", position=0)
    second = CriterionGroupFactory(term=term, title="II. Thi đua, khen thưởng", position=1)
    CriterionFactory(group=first, code="1", title="Chỉ tiêu kinh tế", kind=CriterionKind.BONUS, max_points=62)
    CriterionFactory(group=second, code="2", title="Phong trào thi đua", kind=CriterionKind.BONUS, max_points=38)
    CriterionFactory(group=second, code="3", title="Điểm trừ", kind=CriterionKind.DEDUCTION, max_points=10)
    start = today - timedelta(days=365) + timedelta(days=100)
    for offset, kind in enumerate(PhaseKind.values):
        Phase.objects.create(
            term=term,
            kind=kind,
            starts_on=start + timedelta(days=20 * offset),
            ends_on=start + timedelta(days=20 * offset + 19),
        )
    return bloc, (lead, deputy, third, fourth)


def open_as(browser, live_server, user, contexts):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
    contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit].primary")
    return page


def submit(page, selector):
    """Click a submit button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.click(selector)
    return page


def message(page):
    return page.locator(".messages").inner_text()


def move_to_phase(page, term, kind, reason=None):
    page.goto(f"/clusters/terms/{term.pk}/setup/phases/")
    form = page.locator(f"form[action$='/phases/move/']:has(input[name=kind][value={kind}])")
    if reason is not None:
        form.locator("input[name=reason]").fill(reason)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "đã chuyển sang giai đoạn" in message(page), message(page)


def fill_sheet(page, sheet, values, *, action="submit"):
    page.goto(f"/clusters/sheets/{sheet.pk}/")
    for criterion, value in values.items():
        page.fill(f"#value-{criterion.pk}", value)
    submit(page, f"button[value={action}]")
    assert "Đã gửi phiếu cho đơn vị Khối trưởng" in message(page), message(page)


def review(page, sheet, action, return_reason=""):
    page.goto(f"/clusters/sheets/{sheet.pk}/review/")
    if return_reason:
        page.fill("#return_reason", return_reason)
    submit(page, f"button[name=action][value={action}]")
    assert page.locator(".messages .error").count() == 0, message(page)


def vote(page, term, choice):
    page.goto(f"/clusters/terms/{term.pk}/vote/")
    page.check(f"input[name=choice][value='{choice.pk}']")
    submit(page, "main form button.primary")
    assert "Đã ghi nhận phiếu bầu" in message(page), message(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_whole_new_year_of_a_bloc_runs_from_the_web(browser, live_server, officer):
    contexts = []
    try:
        run_the_year(browser, live_server, officer, contexts)
    finally:
        for context in contexts:
            context.close()


def run_the_year(browser, live_server, officer, contexts):
    today = timezone.localdate()
    bloc, (lead_unit, deputy_unit, third_unit, fourth_unit) = last_years_term(today)
    lead, deputy, third, fourth = (
        UserFactory(unit=unit, is_unit_officer=True) for unit in (lead_unit, deputy_unit, third_unit, fourth_unit)
    )
    office = open_as(browser, live_server, officer, contexts)

    # --- The officer creates this year's term from last year's (lead and deputy as elected). ---
    office.goto(f"/clusters/{bloc.pk}/")
    office.click(f"a[href='/clusters/{bloc.pk}/terms/new/']")
    assert office.locator("select[name=lead_unit] option[selected]").inner_text() == lead_unit.name
    submit(office, "main form[method=post] button[type=submit]")
    office.wait_for_url(re.compile(r".*/clusters/terms/\d+/setup/$"))
    term = Term.objects.get(cluster=bloc, year=today.year)
    assert (term.lead_unit, term.deputy_unit) == (lead_unit, deputy_unit)
    assert term.memberships.count() == 4
    first, second, deduction = Criterion.objects.filter(group__term=term).order_by("code")

    # Edits a criterion: its title; the total still adds up to last year's.
    office.goto(f"/clusters/terms/{term.pk}/setup/criteria/")
    office.click(f"a[href='/clusters/criteria/{second.pk}/edit/']")
    office.fill("input[name=title]", "Phong trào thi đua và khen thưởng")
    submit(office, "main form[method=post] button[type=submit]")
    assert "Phong trào thi đua và khen thưởng" in office.locator("main").inner_text()
    assert office.locator("main .total-warning").count() == 0

    # Moves the self-assessment phase to contain today, then opens it: every member's sheet is open.
    office.goto(f"/clusters/terms/{term.pk}/setup/phases/")
    office.select_option("select[name=kind]", PhaseKind.SELF_ASSESSMENT)
    office.fill("input[name=starts_on]", (today - timedelta(days=5)).strftime("%d/%m/%Y"))
    office.fill("input[name=ends_on]", (today + timedelta(days=5)).strftime("%d/%m/%Y"))
    submit(office, "main form[method=post]:not([action]) button[type=submit]")
    assert "Đã lưu" in message(office), message(office)
    move_to_phase(office, term, PhaseKind.SELF_ASSESSMENT)
    sheets = {sheet.unit_id: sheet for sheet in Sheet.objects.filter(term=term)}
    assert len(sheets) == 4 and {sheet.status for sheet in sheets.values()} == {SheetStatus.DRAFT}
    lead_sheet, deputy_sheet, third_sheet, fourth_sheet = (
        sheets[unit.pk] for unit in (lead_unit, deputy_unit, third_unit, fourth_unit)
    )

    # --- Three members fill and submit: the deputy and the third tie exactly at 96,36. ---
    pages = {user: open_as(browser, live_server, user, contexts) for user in (lead, deputy, third)}
    fill_sheet(pages[lead], lead_sheet, {first: "50", second: "30", deduction: "0"})
    fill_sheet(pages[deputy], deputy_sheet, {first: "60,43", second: "35,93", deduction: "0"})
    fill_sheet(pages[third], third_sheet, {first: "61,36", second: "30", deduction: "0"})
    move_to_phase(office, term, PhaseKind.REVIEW, reason="Hết hạn tự chấm điểm")

    # --- The lead reviews: never its own sheet, which the deputy reviews. ---
    queue = pages[lead]
    queue.goto(f"/clusters/terms/{term.pk}/review/")
    assert queue.locator(f"a[href='/clusters/sheets/{lead_sheet.pk}/review/']").count() == 0
    assert queue.locator(f"a[href='/clusters/sheets/{third_sheet.pk}/review/']").count() == 1
    review(pages[lead], third_sheet, "return", return_reason="Thiếu số liệu phong trào thi đua")
    review(pages[lead], deputy_sheet, "accept")
    pages[deputy].goto(f"/clusters/terms/{term.pk}/review/")
    with pages[deputy].expect_navigation():
        pages[deputy].click(f"a[href='/clusters/sheets/{lead_sheet.pk}/review/']")
    submit(pages[deputy], "button[name=action][value=accept]")
    fill_sheet(pages[third], third_sheet, {second: "35"})
    review(pages[lead], third_sheet, "accept")
    assert set(Sheet.objects.filter(term=term).values_list("unit_id", "status")) == {
        (lead_unit.pk, SheetStatus.ACCEPTED),
        (deputy_unit.pk, SheetStatus.ACCEPTED),
        (third_unit.pk, SheetStatus.ACCEPTED),
        (fourth_unit.pk, SheetStatus.DRAFT),
    }
    queue.goto(f"/clusters/terms/{term.pk}/review/")
    reviewed_by = queue.locator(f"tr:has(a[href='/clusters/sheets/{lead_sheet.pk}/'])").inner_text()
    assert deputy.full_name in reviewed_by

    # The member that sent nothing is excluded by the officer, with a reason.
    office.goto(f"/clusters/terms/{term.pk}/exclusions/")
    row = office.locator(f"form:has(input[name=unit][value='{fourth_unit.pk}'])")
    row.locator("input[name=reason]").fill("Không gửi phiếu tự chấm điểm")
    with office.expect_navigation():
        row.locator("button[type=submit]").click()

    # --- Ranking: the exact tie shares a rank, then the first group orders it. ---
    queue.goto(f"/clusters/terms/{term.pk}/ranking/")
    rows = queue.locator("table.ranking tbody tr")
    cells = [[cell.strip() for cell in rows.nth(i).locator("td").all_inner_texts()] for i in range(rows.count())]
    assert [row[1] for row in cells] == [third_unit.name, deputy_unit.name, lead_unit.name]
    assert [row[2] for row in cells] == ["96,36", "96,36", "80"]
    assert cells[0][0] == cells[1][0] == "1 đồng hạng"
    assert cells[2][0] == "3"
    assert cells[0][5] == "Hơn điểm nhóm tiêu chí thứ nhất"
    assert "Huyện Yên Mô" in queue.locator("main").inner_text()  # not ranked, with the reason

    # --- The vote: two undecided rounds, then the lead and the deputy both confirm. ---
    move_to_phase(office, term, PhaseKind.VOTE, reason="Hoàn thành thẩm định")
    for _round in (1, 2):
        for user, choice in ((lead, deputy_unit), (deputy, third_unit), (third, deputy_unit)):
            vote(pages[user], term, choice)
        pages[lead].goto(f"/clusters/terms/{term.pk}/vote/")
        submit(pages[lead], "#count-round button[type=submit]")
        assert "Đã kiểm phiếu" in message(pages[lead]), message(pages[lead])
    rounds = pages[lead].locator("#rounds").inner_text()
    assert rounds.count("Không đơn vị nào") == 2, rounds

    # Each of the lead and the deputy confirms its choice (neither may choose its own unit).
    for user in (lead, deputy):
        pages[user].goto(f"/clusters/terms/{term.pk}/vote/")
        pages[user].select_option("#deciders select[name=unit]", str(third_unit.pk))
        submit(pages[user], "#deciders button[type=submit]")
    assert third_unit.name in message(pages[deputy])
    term.refresh_from_db()
    assert term.leading_unit == third_unit

    # --- The lead locks the results: the nominations appear. ---
    page = pages[lead]
    page.goto(f"/clusters/terms/{term.pk}/vote/")
    page.select_option("select[name=next_lead]", str(deputy_unit.pk))
    page.select_option("select[name=next_deputy]", str(third_unit.pk))
    submit(page, "form[action$='/lock/'] button[type=submit]")
    assert "Đã khóa kết quả" in message(page), message(page)
    page.goto(f"/clusters/terms/{term.pk}/")
    outcome = page.locator("section:has(h2:has-text('Kết quả: đề nghị khen thưởng'))").inner_text()
    assert f"Cờ thi đua (đơn vị dẫn đầu): {third_unit.name}" in outcome, outcome
    assert f"Bằng khen: {deputy_unit.name}" in outcome and f"Bằng khen: {lead_unit.name}" in outcome
    assert set(Nomination.objects.filter(term=term).values_list("unit_id", "kind")) == {
        (third_unit.pk, "flag"),
        (deputy_unit.pk, "certificate"),
        (lead_unit.pk, "certificate"),
    }

    # --- The officer reopens the vote with a reason: the leading unit is cleared. ---
    office.goto(f"/clusters/terms/{term.pk}/vote/")
    office.fill("form[action$='/reopen/'] textarea[name=reason]", "Phát hiện sai sót trong biên bản kiểm phiếu")
    submit(office, "form[action$='/reopen/'] button[type=submit]")
    assert third_unit.name in message(office), message(office)
    term.refresh_from_db()
    assert term.leading_unit is None and not term.is_locked and term.vote_round == 1
    assert not Nomination.objects.filter(term=term).exists()
    assert Decimal(Sheet.objects.get(pk=third_sheet.pk).scores.get(criterion=second).points) == Decimal(35)
