"""The public notice in Chromium at phone width (issue 16, public): an anonymous visitor opens the
list and leaves a comment; the officer sees it on the dossier, answers and publishes it; the answer
shows publicly; once the end date has passed the form is closed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from awards.models import Proposal
from tests.awards.public_helpers import published_notice

PHONE_WIDTH = {"width": 375, "height": 740}
BODY = "Tôi xác nhận bà Lan luôn tận tình hướng dẫn người dân làm thủ tục."
ANSWER = "Cảm ơn ông đã góp ý; Hội đồng đã ghi nhận."


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visitor_comments_and_the_officer_answers(page, sign_in_page, officer, settings):
    settings.PUBLIC_COMMENT_MIN_SECONDS = 0  # the robot check: a person takes longer than a script
    notice = published_notice(officer)
    page.set_viewport_size(PHONE_WIDTH)

    def submit(selector):
        with page.expect_navigation():
            page.click(selector)

    # An anonymous visitor on a phone opens the list, then the notice, and comments.
    page.goto("/notices/")
    assert fits_the_screen(page)
    with page.expect_navigation():
        page.click(f"[data-notice='{notice.pk}'] h2 a")
    assert "Phạm Thị Lan 0" in page.inner_text(".entry")
    assert fits_the_screen(page)
    page.select_option("#comment-form select[name=entry]", str(notice.entries.get().pk))
    page.fill("#comment-form input[name=author_name]", "Trần Văn Bình")
    page.fill("#comment-form input[name=phone]", "0912 345 678")
    page.fill("#comment-form textarea[name=body]", BODY)
    submit("#comment-form button[type=submit]")
    assert "ý kiến đã được tiếp nhận" in page.inner_text(".messages")
    assert BODY not in page.content()  # waits for the office

    # The officer sees it on the dossier, answers and publishes it.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_page(officer)
    page.goto(f"/awards/proposals/{notice.proposal_id}/")
    assert BODY in page.inner_text(".notice-panel")
    submit(".notice-panel a[data-action=moderate]")
    assert "0912345678" in page.content()  # the contact, for the office only
    page.fill("form.moderation-form textarea[name=answer]", ANSWER)
    submit("button[data-action=answer-publish]")
    assert "Đã lưu câu trả lời và công khai ý kiến." in page.inner_text(".messages")

    # The answer shows publicly, never the sender's phone.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE_WIDTH)
    page.goto(f"/notices/{notice.pk}/")
    assert BODY in page.inner_text(".comment") and ANSWER in page.inner_text(".answer")
    assert "0912" not in page.content()

    # After the end date the form is closed.
    Proposal.objects.filter(pk=notice.proposal_id).update(notice_until=timezone.localdate() - timedelta(days=1))
    page.reload()
    assert page.locator("#comment-form").count() == 0
    assert "đã kết thúc" in page.inner_text(".notice-state")
    assert fits_the_screen(page)
