"""Stale saves of a sheet never lose work: both values shown, nothing written until the user chooses.

The view tests post the page's own form as a browser would (`FormReader`), so the hidden fields
the page renders (version, loaded values, the conflict list) are exercised, not hand-made posts.
"""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clusters.domain import scoring
from clusters.domain.errors import SheetConflict
from clusters.enums import ClusterKind, CriterionKind, SheetStatus
from clusters.models import Score, Sheet
from tests.factories import UserFactory
from tests.factories.clusters import CriterionFactory, scored_term
from tests.permissions import snapshot


class FormReader(HTMLParser):
    """The fields of the page's sheet form (the one with a `version`), as a browser would send them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._textarea, self._select = [], None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = []
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in attrs:
                return
            if kind not in ("submit", "file", "button"):
                self._form.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
            self._form.append(self._textarea)
        elif tag == "select":
            self._select = [attrs["name"], None]
            self._form.append(self._select)
        elif tag == "option" and self._select is not None and (self._select[1] is None or "selected" in attrs):
            self._select[1] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None

    def fields(self):
        form = next(form for form in self.forms if any(name == "version" for name, *_ in form))
        data = {}
        for name, value in form:
            data.setdefault(name, []).append(value)
        return data


def press(client, url, page, *, button=("action", "save"), fill=None, choose=None, files=None):
    """Post `page`'s sheet form after typing `fill` ({name: text}) and ticking `choose` ({field name: choice})."""
    data = FormReader(page.content.decode()).fields()
    for name, value in (fill or {}).items():
        data[name] = [value]
    for name, choice in (choose or {}).items():
        data[f"choice-{name}"] = [choice]
    if button:
        data[button[0]] = [button[1]]
    return client.post(url, {**data, **(files or {})})


@pytest.fixture
def term(db):
    return scored_term(members=3, criteria=2)


def signed_in(user):
    """A client of its own (a second browser) signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def colleague(unit):
    return signed_in(UserFactory(unit=unit, is_unit_officer=True))


@pytest.fixture
def people(term):
    """The member's sheet opened by two people of the unit: `mine` (the test's user) and `theirs`."""
    return colleague(term.unit_list[1]), colleague(term.unit_list[1])


def stored(sheet, criterion):
    return Score.objects.filter(sheet=sheet, criterion=criterion).values_list("value", "comment").first()


# ---------------------------------------------------------------------------------------------
# The domain
# ---------------------------------------------------------------------------------------------
def test_conflicts_are_the_fields_both_changed_differently():
    loaded = {(1, "value"): Decimal(1), (2, "value"): Decimal(2), (3, "value"): None, (4, "comment"): "a"}
    stored_now = {(1, "value"): Decimal(5), (2, "value"): Decimal(2), (3, "value"): Decimal(7), (4, "comment"): "b"}
    posted = {
        (1, "value"): Decimal(1),  # only they changed it: theirs stands
        (2, "value"): Decimal(9),  # only I changed it: mine stands
        (3, "value"): Decimal(7),  # both set the same
        (4, "comment"): "c",  # both changed differently
        (5, "value"): Decimal(3),  # loaded value unknown and differs from what is stored
    }

    found = scoring.conflicts(stored=stored_now, loaded=loaded, posted=posted)

    assert [(d.criterion_id, d.field, d.mine, d.theirs) for d in found] == [
        (4, "comment", "c", "b"),
        (5, "value", 3, None),
    ]
    assert scoring.changed_fields(loaded=loaded, posted=posted) == {
        (2, "value"),
        (3, "value"),
        (4, "comment"),
        (5, "value"),
    }
    assert scoring.their_changes(stored=stored_now, loaded=loaded) == {(1, "value"), (3, "value"), (4, "comment")}


def test_line_breaks_sent_by_a_browser_do_not_make_a_comment_differ():
    found = scoring.conflicts(
        stored={(1, "comment"): "a\nb"}, loaded={(1, "comment"): "x"}, posted={(1, "comment"): "a\r\nb"}
    )

    assert found == []


def test_choose_applies_choices_and_refuses_a_field_left_undecided():
    loaded = {(1, "value"): Decimal(5), (2, "comment"): "theirs"}
    posted = {(1, "value"): Decimal(7), (2, "comment"): "mine"}
    pending = [(1, "value"), (2, "comment")]

    with pytest.raises(scoring.Unresolved) as refused:
        scoring.choose(posted=posted, loaded=loaded, pending=pending, choices={(1, "value"): scoring.THEIRS})
    assert [d.name for d in refused.value.differences] == ["value-1", "comment-2"]

    chosen = scoring.choose(
        posted=posted, loaded=loaded, pending=pending, choices={(1, "value"): "theirs", (2, "comment"): "mine"}
    )
    assert chosen == {(1, "value"): Decimal(5), (2, "comment"): "mine"}


@pytest.mark.django_db
def test_stale_save_raises_a_conflict_carrying_the_stored_scores_and_writes_nothing(term):
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    member = UserFactory(unit=sheet.unit, is_unit_officer=True)
    scoring.save_sheet(
        sheet=Sheet.objects.get(pk=sheet.pk), version=1, entries={first.pk: scoring.Entry(Decimal(5))}, by=member
    )
    before = snapshot()

    with pytest.raises(SheetConflict) as stale:
        scoring.save_sheet(
            sheet=Sheet.objects.get(pk=sheet.pk), version=1, entries={second.pk: scoring.Entry(Decimal(4))}, by=member
        )

    assert snapshot() == before
    assert stale.value.version == 2
    assert scoring.stored_fields(stale.value.scores)[first.pk, "value"] == 5


# ---------------------------------------------------------------------------------------------
# The member's sheet
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_stale_save_shows_their_value_beside_mine_and_writes_nothing(term, people):
    mine, theirs = people
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    assert press(theirs, url, their_page, fill={f"value-{first.pk}": "5"}).status_code == 302
    before = snapshot()

    response = press(mine, url, my_page, fill={f"value-{first.pk}": "7", f"value-{second.pk}": "4"})

    assert response.status_code == 409
    assert snapshot() == before
    html = response.content.decode()
    assert "Người khác đã lưu phiếu này" in html
    reader = FormReader(html).fields()
    assert reader["conflict"] == [f"value-{first.pk}"]
    assert reader["version"] == ["2"]  # the version their values were read at
    assert reader[f"value-{first.pk}"] == ["7"] and reader[f"loaded-value-{first.pk}"] == ["5"]
    assert reader[f"value-{second.pk}"] == ["4"]  # only I changed it: no question asked
    assert "data-mine>7</strong>" in html and "data-theirs>5</strong>" in html


@pytest.mark.django_db
def test_pressing_save_again_is_refused_until_the_user_chooses(term, people):
    mine, theirs = people
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{first.pk}": "5"})
    typed = {f"value-{first.pk}": "7", f"value-{second.pk}": "4"}
    conflict_page = press(mine, url, my_page, fill=typed)
    before = snapshot()

    # The same stale form again (its old version) and the conflict page without a choice: both refused.
    again = press(mine, url, my_page, fill=typed)
    undecided = press(mine, url, conflict_page)

    assert again.status_code == 409 and "data-theirs>5</strong>" in again.content.decode()
    assert undecided.status_code == 409
    assert "hãy chọn" in undecided.content.decode()
    assert FormReader(undecided.content.decode()).fields()["conflict"] == [f"value-{first.pk}"]
    assert snapshot() == before
    assert stored(sheet, first) == (Decimal(5), "")


@pytest.mark.django_db
@pytest.mark.parametrize(("choice", "expected"), [("theirs", Decimal(5)), ("mine", Decimal(7))])
def test_the_chosen_value_is_saved_with_the_changes_only_i_made(term, people, choice, expected):
    mine, theirs = people
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{first.pk}": "5", f"comment-{second.pk}": "Của họ"})
    conflict_page = press(mine, url, my_page, fill={f"value-{first.pk}": "7", f"value-{second.pk}": "4"})

    # Their comment, which I did not touch, is in the form now and stays.
    assert FormReader(conflict_page.content.decode()).fields()[f"comment-{second.pk}"] == ["Của họ"]
    response = press(mine, url, conflict_page, choose={f"value-{first.pk}": choice})

    assert response.status_code == 302
    assert stored(sheet, first) == (expected, "")
    assert stored(sheet, second) == (Decimal(4), "Của họ")


@pytest.mark.django_db
def test_a_choice_made_before_a_refusal_for_another_field_is_kept(term, people):
    mine, theirs = people
    sheet = term.sheet_list[1]
    first = term.criterion_list[0]
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{first.pk}": "5", f"comment-{first.pk}": "Của họ"})
    conflict_page = press(mine, url, my_page, fill={f"value-{first.pk}": "7", f"comment-{first.pk}": "Của tôi"})

    undecided = press(mine, url, conflict_page, choose={f"value-{first.pk}": "theirs"})
    assert undecided.status_code == 409
    fields = FormReader(undecided.content.decode()).fields()
    assert sorted(fields["conflict"]) == sorted([f"value-{first.pk}", f"comment-{first.pk}"])
    assert fields[f"choice-value-{first.pk}"] == ["theirs"]

    assert press(mine, url, undecided, choose={f"comment-{first.pk}": "mine"}).status_code == 302
    assert stored(sheet, first) == (Decimal(5), "Của tôi")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("take_all", "expected"), [("theirs", (Decimal(5), "Của họ")), ("mine", (Decimal(7), "Của tôi"))]
)
def test_take_all_theirs_or_keep_all_mine(term, people, take_all, expected):
    mine, theirs = people
    sheet = term.sheet_list[1]
    first = term.criterion_list[0]
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{first.pk}": "5", f"comment-{first.pk}": "Của họ"})
    conflict_page = press(mine, url, my_page, fill={f"value-{first.pk}": "7", f"comment-{first.pk}": "Của tôi"})
    assert sorted(FormReader(conflict_page.content.decode()).fields()["conflict"]) == sorted(
        [f"value-{first.pk}", f"comment-{first.pk}"]
    )

    response = press(mine, url, conflict_page, button=("take_all", take_all))

    assert response.status_code == 302
    assert stored(sheet, first) == expected


@pytest.mark.django_db
def test_a_third_save_while_choosing_shows_the_conflict_again(term, people):
    mine, theirs = people
    sheet = term.sheet_list[1]
    first = term.criterion_list[0]
    third = colleague(sheet.unit)
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{first.pk}": "5"})
    conflict_page = press(mine, url, my_page, fill={f"value-{first.pk}": "7"})
    press(third, url, third.get(url), fill={f"value-{first.pk}": "6"})
    before = snapshot()

    response = press(mine, url, conflict_page, choose={f"value-{first.pk}": "mine"})

    assert response.status_code == 409
    assert "data-theirs>6</strong>" in response.content.decode()
    assert FormReader(response.content.decode()).fields()["version"] == ["3"]
    assert snapshot() == before
    assert press(mine, url, response, choose={f"value-{first.pk}": "mine"}).status_code == 302
    assert stored(sheet, first) == (Decimal(7), "")


@pytest.mark.django_db
def test_taking_theirs_keeps_a_newer_third_save_of_that_field(term, people):
    mine, theirs = people
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    third = colleague(sheet.unit)
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{first.pk}": "5"})
    conflict_page = press(mine, url, my_page, fill={f"value-{first.pk}": "7", f"value-{second.pk}": "4"})
    press(third, url, third.get(url), fill={f"value-{first.pk}": "6"})

    # Choosing theirs means "not mine": the newer value merges without a question.
    merged = press(mine, url, conflict_page, choose={f"value-{first.pk}": "theirs"})
    assert merged.status_code == 409 and "conflict" not in FormReader(merged.content.decode()).fields()
    assert press(mine, url, merged).status_code == 302

    assert stored(sheet, first) == (Decimal(6), "")
    assert stored(sheet, second) == (Decimal(4), "")


@pytest.mark.django_db
def test_a_value_i_left_untouched_is_never_blanked(term, people):
    # The case: after the conflict message, pressing save again blanked the other's value.
    mine, theirs = people
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{first.pk}": "5"})
    conflict_page = press(mine, url, my_page, fill={f"value-{second.pk}": "4"})
    assert conflict_page.status_code == 409
    assert "conflict" not in FormReader(conflict_page.content.decode()).fields()

    assert press(mine, url, conflict_page).status_code == 302

    assert stored(sheet, first) == (Decimal(5), "")
    assert stored(sheet, second) == (Decimal(4), "")


@pytest.mark.django_db
def test_hand_made_post_without_loaded_values_must_choose_too(term, people):
    mine, theirs = people
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    url = f"/clusters/sheets/{sheet.pk}/"
    press(theirs, url, theirs.get(url), fill={f"value-{first.pk}": "5"})
    posted = {f"value-{first.pk}": "", f"value-{second.pk}": "4"}

    refused = mine.post(url, {"version": "1", **posted})
    pressed_again = mine.post(url, {**FormReader(refused.content.decode()).fields(), **posted})

    assert refused.status_code == pressed_again.status_code == 409
    assert stored(sheet, first) == (Decimal(5), "")


@pytest.mark.django_db
def test_a_refused_stale_form_keeps_its_version_and_loaded_values(term, people):
    # A stale form with a wrong value: fixing the value must still meet the conflict.
    mine, theirs = people
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{first.pk}": "5"})
    wrong = press(mine, url, my_page, fill={f"value-{second.pk}": "năm"})
    assert wrong.status_code == 400

    fixed = press(mine, url, wrong, fill={f"value-{second.pk}": "4"})

    assert fixed.status_code == 409
    assert stored(sheet, first) == (Decimal(5), "")


@pytest.mark.django_db
def test_evidence_sent_with_a_stale_save_is_not_kept_and_the_page_says_so(term, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    mine, theirs = people
    sheet = term.sheet_list[1]
    first = term.criterion_list[0]
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{first.pk}": "5"})

    response = press(
        mine, url, my_page, files={f"evidence-{first.pk}": SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4\n%%EOF")}
    )

    assert response.status_code == 409
    assert "Tệp minh-chung.pdf chưa được lưu" in response.content.decode()
    assert list(tmp_path.rglob("*.pdf")) == []


@pytest.mark.django_db
def test_qualitative_values_are_shown_as_passed_or_not(term, people):
    mine, theirs = people
    sheet = term.sheet_list[1]
    quality = CriterionFactory(group=term.criterion_list[0].group, kind=CriterionKind.QUALITATIVE)
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    press(theirs, url, their_page, fill={f"value-{quality.pk}": "1"})

    html = press(mine, url, my_page, fill={f"value-{quality.pk}": "0"}).content.decode()

    assert "data-mine>Không đạt</strong>" in html and "data-theirs>Đạt</strong>" in html


# ---------------------------------------------------------------------------------------------
# The lead's review
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_review_stale_save_shows_their_points_and_reason_and_keeps_the_choice(term):
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    member = UserFactory(unit=sheet.unit, is_unit_officer=True)
    values = {first.pk: scoring.Entry(Decimal(8)), second.pk: scoring.Entry(Decimal(6))}
    scoring.save_sheet(sheet=sheet, version=1, entries=values, by=member, submit=True)
    lead_a, lead_b = colleague(term.lead_unit), colleague(term.lead_unit)
    url = f"/clusters/sheets/{sheet.pk}/review/"
    page_a, page_b = lead_a.get(url), lead_b.get(url)
    press(lead_b, url, page_b, fill={f"points-{first.pk}": "5", f"reason-{first.pk}": "Thiếu minh chứng"})
    before = snapshot()

    conflict_page = press(
        lead_a,
        url,
        page_a,
        fill={
            f"points-{first.pk}": "6",
            f"reason-{first.pk}": "Chưa đủ",
            f"points-{second.pk}": "4",
            f"reason-{second.pk}": "Sai",
        },
        button=("action", "accept"),
    )

    assert conflict_page.status_code == 409
    assert snapshot() == before
    html = conflict_page.content.decode()
    assert "data-mine>6</strong>" in html and "data-theirs>5</strong> – Thiếu minh chứng" in html
    assert (
        press(
            lead_a, url, conflict_page, choose={f"points-{first.pk}": "theirs"}, button=("action", "accept")
        ).status_code
        == 302
    )
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.ACCEPTED
    points = dict(Score.objects.filter(sheet=sheet).values_list("criterion_id", "points"))
    assert points == {first.pk: Decimal(5), second.pk: Decimal(4)}


# ---------------------------------------------------------------------------------------------
# Queries: the conflict page does not grow with the criteria
# ---------------------------------------------------------------------------------------------
def conflict_queries(criteria):
    term = scored_term(members=2, criteria=criteria)
    sheet = term.sheet_list[1]
    mine, theirs = colleague(sheet.unit), colleague(sheet.unit)
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    every = {f"value-{c.pk}": "5" for c in term.criterion_list}
    press(theirs, url, their_page, fill=every)
    with CaptureQueriesContext(connection) as captured:
        response = press(mine, url, my_page, fill=dict.fromkeys(every, "7"))
    assert response.status_code == 409
    assert len(FormReader(response.content.decode()).fields()["conflict"]) == criteria
    return len(captured)


@pytest.mark.django_db
def test_conflict_page_query_count_does_not_grow_with_criteria(db):
    assert conflict_queries(40) <= conflict_queries(1)


@pytest.mark.django_db
def test_an_evidence_file_someone_else_attached_meanwhile_is_pointed_out(term, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    mine, theirs = people
    sheet = term.sheet_list[1]
    first, second = term.criterion_list
    url = f"/clusters/sheets/{sheet.pk}/"
    my_page, their_page = mine.get(url), theirs.get(url)
    evidence = SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4\n%%EOF")
    assert press(theirs, url, their_page, files={f"evidence-{first.pk}": evidence}).status_code == 302

    html = press(mine, url, my_page, fill={f"value-{second.pk}": "4"}).content.decode()

    assert "Người khác đã đính kèm tệp minh chứng mới" in html


@pytest.mark.django_db
def test_a_bloc_sheet_speaks_of_the_bloc_lead(term):
    term.cluster.kind = ClusterKind.BLOC
    term.cluster.save()
    sheet = term.sheet_list[1]
    member = signed_in(UserFactory(unit=sheet.unit, is_unit_officer=True))
    url = f"/clusters/sheets/{sheet.pk}/"

    page = member.get(url).content.decode()
    assert "Gửi Khối trưởng" in page and "Cụm trưởng" not in page
    response = press(
        member,
        url,
        member.get(url),
        button=("action", "submit"),
        fill={f"value-{c.pk}": "1" for c in term.criterion_list},
    )
    assert response.status_code == 302
    assert "Đã gửi phiếu cho đơn vị Khối trưởng." in member.get(url).content.decode()
