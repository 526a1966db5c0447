"""Role x URL matrix of public notices and the register (issue 16, public): the public pages answer
everyone, anonymous visitors included; the office's pages (publishing a list, correcting an entry,
the comment queue and moderation, the register) are the provincial officers'; a unit officer, a
council member or an outsider is refused and nothing is written."""

from django.urls import reverse

from awards.domain import public
from tests.awards.public_helpers import comment_on, decided_proposal, dossier_under_notice, published_notice
from tests.permissions import OFFICERS, ROLES, built_once_per_module, matrix_cases, run_matrix_case

EVERYONE = frozenset(ROLES)

# (url name, kwargs key, method, roles allowed, status when allowed)
MATRIX = [
    ("public:notice_list", None, "get", EVERYONE, 200),
    ("public:notice_detail", "notice", "get", EVERYONE, 200),
    ("public:decision_register", None, "get", EVERYONE, 200),
    ("public:decision_detail", "published_decision", "get", EVERYONE, 200),
    ("public:decision_pdf", "unpublished_decision", "get", EVERYONE, 404),
    ("awards:notice_publish", "unpublished_dossier", "get", OFFICERS, 200),
    ("awards:notice_publish", "unpublished_dossier", "post", OFFICERS, 302),
    ("awards:notice_entry_edit", "entry", "get", OFFICERS, 200),
    ("awards:notice_entry_edit", "entry", "post", OFFICERS, 302),
    ("awards:notice_comments", None, "get", OFFICERS, 200),
    ("awards:notice_comment", "comment", "get", OFFICERS, 200),
    ("awards:notice_comment", "comment", "post", OFFICERS, 302),
    ("awards:decision_register", "unpublished_decision", "get", OFFICERS, 200),
    ("awards:decision_register", "unpublished_decision", "post", OFFICERS, 302),
]


def build_objects(cast):
    officer = cast["officer"]
    notice = published_notice(officer, unit=cast["member_unit"])
    comment = comment_on(notice)
    shown = decided_proposal(officer, number="10/QĐ-UBND", unit=cast["member_unit"])
    public.publish_decision(decision=shown, by=officer)
    hidden = decided_proposal(officer, number="11/QĐ-UBND", unit=cast["member_unit"])
    return {
        "notice": {"pk": notice.pk},
        "entry": {"pk": notice.entries.first().pk},
        "comment": {"pk": comment.pk},
        "unpublished_dossier": {"pk": dossier_under_notice(unit=cast["member_unit"]).pk},
        "published_decision": {"pk": shown.pk},
        "unpublished_decision": {"pk": hidden.pk},
    }


shared_data = built_once_per_module(build_objects)

DATA = {
    "awards:notice_entry_edit": {
        "name": "Phạm Thị Lan",
        "unit_name": "Sở Nội vụ",
        "award_name": "Lao động tiên tiến",
        "summary": "Tóm tắt",
        "is_published": "on",
        "reason": "Sửa tên đơn vị",
    },
    "awards:notice_comment": {"action": "answer_publish", "answer": "Cảm ơn, đã tiếp thu."},
}


@matrix_cases(MATRIX)
def test_permission_matrix(client_as, cast, shared_data, role, url_name, key, method, allowed, allowed_status):
    kwargs = shared_data.objects[key] if key else {}
    url = reverse(url_name, kwargs=kwargs)
    if url_name.startswith("public:"):
        # No login: every visitor gets the same answer, and reading writes nothing.
        response = run_matrix_case(client_as(cast[role]), role, url, method, {}, allowed, allowed_status)
        assert response.status_code == allowed_status
        return
    run_matrix_case(client_as(cast[role]), role, url, method, DATA.get(url_name, {}), allowed, allowed_status)
