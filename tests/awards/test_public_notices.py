"""Public notices (issue 16, public): publishing a dossier's list, what the public reads (never a
private field), the comment form's refusals (each writes nothing), moderation and answers, and the
comment in the dossier's history."""

import time
from datetime import date, timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from awards.domain import catalogue, public
from awards.domain.public import AwardsError
from awards.enums import CommentState, ProposalState
from awards.models import NoticeComment, NoticeEntry, Proposal, PublicNotice
from awards.views.public_notices import STAMP_SALT
from portal.models import Notification
from tests.factories.awards import NomineeFactory, ProposalFactory, catalogue_award
from tests.factories.directory import PersonFactory

pytestmark = pytest.mark.django_db
PHONE = "0912 345 678"
SECRET_PHONE = "0987654321"
SECRET_MAIL = "nguoi.gui@example.vn"
BODY = "Tôi xác nhận bà Lan có thành tích tốt trong công tác."


@pytest.fixture
def dossier(officer):
    """A dossier under public notice until in a week, one nominee with a birth date and an e-mail."""
    proposal = ProposalFactory(
        title="Đề nghị tặng danh hiệu Lao động tiên tiến năm 2025",
        state=ProposalState.PUBLIC_NOTICE,
        notice_until=timezone.localdate() + timedelta(days=7),
    )
    person = PersonFactory(
        full_name="Phạm Thị Lan", unit=proposal.unit, date_of_birth=date(1980, 3, 14), email="lan.rieng@example.vn"
    )
    NomineeFactory(
        proposal=proposal,
        person=person,
        award=catalogue_award(catalogue.ADVANCED_WORKER),
        achievement="Hoàn thành xuất sắc nhiệm vụ được giao.",
    )
    return proposal


@pytest.fixture
def notice(dossier, officer):
    return public.publish_notice_list(proposal=dossier, by=officer)


def stamp(notice, seconds_ago=10):
    return signing.dumps({"notice": notice.pk, "at": int(time.time()) - seconds_ago}, salt=STAMP_SALT)


def post_data(notice, **changes):
    data = {
        "entry": notice.entries.get().pk,
        "author_name": "Trần Văn Bình",
        "phone": SECRET_PHONE,
        "email": SECRET_MAIL,
        "body": BODY,
        "website": "",
        "stamp": stamp(notice),
    }
    data.update(changes)
    return data


def test_publish_copies_name_unit_award_and_summary_only(dossier, officer):
    notice = public.publish_notice_list(proposal=dossier, by=officer)

    entry = notice.entries.get()
    assert (entry.name, entry.award_name, entry.summary) == (
        "Phạm Thị Lan",
        "Lao động tiên tiến",
        "Hoàn thành xuất sắc nhiệm vụ được giao.",
    )
    assert entry.unit_name == dossier.unit.name
    with pytest.raises(AwardsError, match="đã được công khai|already published"):
        public.publish_notice_list(proposal=dossier, by=officer)


def test_publish_refused_outside_public_notice(officer):
    proposal = ProposalFactory(state=ProposalState.AT_COUNCIL)
    NomineeFactory(proposal=proposal)

    with pytest.raises(AwardsError):
        public.publish_notice_list(proposal=proposal, by=officer)
    assert not PublicNotice.objects.exists()


def test_public_page_shows_published_fields_never_private_ones(client, notice, officer):
    comment = public.receive_comment(
        entry=notice.entries.get(),
        author_name="Trần Văn Bình",
        phone=SECRET_PHONE,
        email=SECRET_MAIL,
        body=BODY,
        sender_address="203.0.113.9",
    )
    public.answer_comment(comment=comment, answer="Cảm ơn ông đã góp ý.", by=officer)
    public.publish_comment(comment=comment, by=officer)

    listing = client.get(reverse("public:notice_list")).content.decode()
    page = client.get(reverse("public:notice_detail", args=[notice.pk])).content.decode()

    assert notice.title in listing
    for text in ("Phạm Thị Lan", "Lao động tiên tiến", "Hoàn thành xuất sắc", BODY, "Cảm ơn ông đã góp ý."):
        assert text in page
    for private in ("14/03/1980", "1980", "lan.rieng@example.vn", SECRET_PHONE, SECRET_MAIL, "203.0.113.9"):
        assert private not in page
    assert "203.0.113.9" not in comment.sender_hash and len(comment.sender_hash) == 64


def test_a_pending_comment_is_not_public(client, notice):
    public.receive_comment(
        entry=notice.entries.get(), author_name="A", phone=PHONE, email="", body=BODY, sender_address="x"
    )
    page = client.get(reverse("public:notice_detail", args=[notice.pk])).content.decode()
    assert BODY not in page


def test_a_comment_is_received_and_the_officers_told(client, notice, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("public:notice_detail", args=[notice.pk]), post_data(notice))

    assert response.status_code == 302
    comment = NoticeComment.objects.get()
    assert (comment.state, comment.phone, comment.proposal_id) == ("pending", SECRET_PHONE, notice.proposal_id)
    told = Notification.objects.get(recipient=officer)
    assert told.kind == "public_comment" and told.link == reverse("awards:notice_comment", args=[comment.pk])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "", "email": ""}, "số điện thoại hoặc địa chỉ thư điện tử"),
        ({"phone": "12345", "email": ""}, "số điện thoại"),
        ({"email": "khong-phai-thu", "phone": ""}, "thư điện tử"),
        ({"author_name": ""}, ""),
        ({"website": "http://spam.example"}, "không được tiếp nhận"),
        ({"stamp": "bad"}, "tải lại trang"),
        ({"body": "Xem http://a.example và https://b.example"}, "một đường dẫn"),
        ({"body": "x" * 2001}, ""),
    ],
    ids=["no-contact", "bad-phone", "bad-email", "no-name", "honeypot", "bad-stamp", "links", "too-long"],
)
def test_a_bad_comment_is_refused_and_nothing_written(client, notice, changes, message):
    response = client.post(reverse("public:notice_detail", args=[notice.pk]), post_data(notice, **changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not NoticeComment.objects.exists()


def test_a_comment_sent_too_fast_or_from_a_stale_page_is_refused(client, notice):
    url = reverse("public:notice_detail", args=[notice.pk])
    too_fast = client.post(url, post_data(notice, stamp=stamp(notice, seconds_ago=0)))
    stale = client.post(url, post_data(notice, stamp=stamp(notice, seconds_ago=2 * 24 * 3600)))

    assert too_fast.status_code == stale.status_code == 400
    assert "quá nhanh" in too_fast.content.decode()
    assert "hơn một ngày" in stale.content.decode()
    assert not NoticeComment.objects.exists()


def test_after_the_end_date_the_form_is_closed_and_a_post_refused(client, notice):
    url = reverse("public:notice_detail", args=[notice.pk])
    Proposal.objects.filter(pk=notice.proposal_id).update(notice_until=timezone.localdate() - timedelta(days=1))

    page = client.get(url).content.decode()
    response = client.post(url, post_data(notice))

    assert 'id="comment-form"' not in page and "đã kết thúc" in page
    assert response.status_code == 400 and "đã kết thúc" in response.content.decode()
    assert not NoticeComment.objects.exists()
    with pytest.raises(AwardsError):
        public.receive_comment(
            entry=notice.entries.get(), author_name="A", phone=PHONE, email="", body=BODY, sender_address="x"
        )


def test_the_comment_form_is_throttled_per_address(client, notice, settings):
    settings.THROTTLE_RATES = {"comment": 1}
    url = reverse("public:notice_detail", args=[notice.pk])
    assert client.post(url, post_data(notice)).status_code == 302
    assert client.post(url, post_data(notice)).status_code == 429
    assert client.get(url).status_code == 200  # reading stays free
    assert NoticeComment.objects.count() == 1


def test_moderation_answer_publish_reject(notice, officer):
    comment = public.receive_comment(
        entry=notice.entries.get(), author_name="A", phone=PHONE, email="", body=BODY, sender_address="x"
    )
    with pytest.raises(AwardsError):
        public.reject_comment(comment=comment, by=officer, reason="")
    public.answer_comment(comment=comment, answer="Đã tiếp thu.", by=officer)
    with pytest.raises(AwardsError):  # changing a given answer needs a reason
        public.answer_comment(comment=comment, answer="Đã tiếp thu, cảm ơn.", by=officer)
    public.answer_comment(comment=comment, answer="Đã tiếp thu, cảm ơn.", by=officer, reason="Sửa lời")
    public.publish_comment(comment=comment, by=officer)
    with pytest.raises(AwardsError):
        public.publish_comment(comment=comment, by=officer)
    public.reject_comment(comment=comment, by=officer, reason="Nội dung không liên quan")

    comment.refresh_from_db()
    assert (comment.state, comment.answer, comment.moderation_reason) == (
        CommentState.REJECTED,
        "Đã tiếp thu, cảm ơn.",
        "Nội dung không liên quan",
    )


def test_the_officer_moderates_on_the_comment_page(client_as, officer, unit_officer, notice):
    comment = public.receive_comment(
        entry=notice.entries.get(), author_name="A", phone=PHONE, email="", body=BODY, sender_address="x"
    )
    url = reverse("awards:notice_comment", args=[comment.pk])
    refused = client_as(unit_officer).post(url, {"action": "answer_publish", "answer": "X"})
    empty = client_as(officer).post(url, {"action": "answer_publish", "answer": ""})
    done = client_as(officer).post(url, {"action": "answer_publish", "answer": "Cảm ơn, đã tiếp thu."})

    assert (refused.status_code, empty.status_code, done.status_code) == (403, 400, 302)
    comment.refresh_from_db()
    assert (comment.state, comment.answer, comment.answered_by) == ("published", "Cảm ơn, đã tiếp thu.", officer)


def test_the_comment_and_its_answer_are_in_the_dossier_history(client_as, officer, notice):
    comment = public.receive_comment(
        entry=notice.entries.get(), author_name="Trần Văn Bình", phone=PHONE, email="", body=BODY, sender_address="x"
    )
    public.answer_comment(comment=comment, answer="Đã tiếp thu ý kiến.", by=officer)

    page = client_as(officer).get(reverse("awards:proposal_detail", args=[notice.proposal_id])).content.decode()

    history = page[page.index('<section class="card history">') :]
    assert "Ý kiến của Trần Văn Bình" in history  # the comment's entries name it
    assert BODY in history and "Đã tiếp thu ý kiến." in history  # the comment, then its answer


def test_an_entry_is_corrected_with_a_reason(notice, officer, client):
    entry = notice.entries.get()
    with pytest.raises(AwardsError):
        public.correct_entry(entry=entry, changes={"summary": "Mới"}, reason="", by=officer)
    public.correct_entry(
        entry=entry, changes={"summary": "Tóm tắt đã rút gọn.", "is_published": False}, reason="Rút gọn", by=officer
    )

    page = client.get(reverse("public:notice_detail", args=[notice.pk])).content.decode()
    assert "Phạm Thị Lan" not in page  # hidden
    assert NoticeEntry.objects.get().summary == "Tóm tắt đã rút gọn."


def test_the_demo_has_an_open_and_a_closed_notice_and_the_register(client, officer):
    from awards.domain.demo_public import CLOSED_TITLE, OPEN_TITLE, seed_public
    from awards.models import Decision
    from tests.awards.public_helpers import decided_proposal
    from tests.factories.directory import UnitFactory

    UnitFactory(code="NB-STP"), UnitFactory(code="NB-SXD")
    decided_proposal(officer, number="2968/QĐ-UBND")
    awards = {catalogue.ADVANCED_WORKER: catalogue_award(catalogue.ADVANCED_WORKER)}
    seed_public(awards, officer)
    seed_public(awards, officer)  # idempotent

    opened, closed = PublicNotice.objects.get(title=OPEN_TITLE), PublicNotice.objects.get(title=CLOSED_TITLE)
    assert opened.is_open() and not closed.is_open()
    assert sorted(opened.proposal.notice_comments.values_list("state", flat=True)) == ["pending", "published"]
    assert list(closed.proposal.notice_comments.values_list("state", flat=True)) == ["rejected"]
    listing = client.get(reverse("public:notice_list")).content.decode()
    assert OPEN_TITLE in listing and CLOSED_TITLE in listing
    refused = client.post(reverse("public:notice_detail", args=[closed.pk]), post_data(closed))
    assert refused.status_code == 400 and closed.proposal.notice_comments.count() == 1
    assert not Decision.objects.filter(published_at__isnull=True).exists()
    assert "2968/QĐ-UBND" in client.get(reverse("public:decision_register"), {"q": "quyet dinh"}).content.decode()
