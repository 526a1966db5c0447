"""The one way views load and authorise an object: portal.permissions.object_view and the mixins."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from directory.models import Unit
from portal.audit import HISTORY_PERMISSION, history_visible_to
from portal.permissions import object_view, permission_required
from tests.factories import UnitFactory

MISSING = 999_999


def echo(request, unit, **kwargs):
    return HttpResponse(f"{unit.pk} {sorted(kwargs)}")


def call(view, user, method="get", **kwargs):
    request = getattr(RequestFactory(), method)("/somewhere/")
    request.user = user
    return view(request, **kwargs)


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in_before_any_lookup(django_assert_num_queries):
    view = object_view(Unit, "directory.view_unit")(echo)

    with django_assert_num_queries(0):
        response = call(view, AnonymousUser(), pk=MISSING)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_object_is_loaded_once_and_passed_in_place_of_its_url_argument(officer, django_assert_num_queries):
    unit = UnitFactory()
    view = object_view(Unit, "directory.view_unit")(echo)

    with django_assert_num_queries(1):
        response = call(view, officer, pk=unit.pk, extra="x")

    assert response.content.decode() == f"{unit.pk} ['extra']"


@pytest.mark.django_db
def test_missing_object_is_404_and_refused_rule_is_403(officer, outsider):
    unit = UnitFactory()
    view = object_view(Unit, "directory.change_unit")(echo)

    with pytest.raises(Http404):
        call(view, officer, pk=MISSING)
    with pytest.raises(PermissionDenied):
        call(view, outsider, pk=unit.pk)


@pytest.mark.django_db
def test_permission_by_method_and_by_callable(officer, unit_officer):
    unit = UnitFactory()
    by_method = object_view(Unit, {"*": "directory.view_unit", "POST": "directory.change_unit"})(echo)
    by_action = object_view(Unit, lambda request, action, **kwargs: {"look": "directory.view_unit"}.get(action))(echo)

    assert call(by_method, unit_officer, pk=unit.pk).status_code == 200
    with pytest.raises(PermissionDenied):
        call(by_method, unit_officer, "post", pk=unit.pk)
    assert call(by_method, officer, "post", pk=unit.pk).status_code == 200
    assert call(by_action, officer, pk=unit.pk, action="look").status_code == 200
    with pytest.raises(Http404):
        call(by_action, officer, pk=unit.pk, action="unknown")


@pytest.mark.django_db
def test_permission_without_object(officer, outsider):
    view = permission_required("directory.import_unit")(lambda request: HttpResponse("ok"))

    assert call(view, AnonymousUser()).status_code == 302
    assert call(view, officer).status_code == 200
    with pytest.raises(PermissionDenied):
        call(view, outsider)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "method"),
    [
        ("awards:proposal_action", "post"),  # answered 404 before asking to sign in
        ("clusters:sheet_detail", "get"),
        ("clusters:review_queue", "get"),
        ("reports:conference_detail", "get"),
        ("movements:target_update", "get"),
    ],
)
def test_pages_send_anonymous_visitors_to_sign_in_even_for_a_missing_object(client, url_name, method):
    kwargs = {"pk": MISSING, "action": "submit"} if url_name == "awards:proposal_action" else {"pk": MISSING}

    response = getattr(client, method)(reverse(url_name, kwargs=kwargs))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_history_is_shown_to_officers_only(officer, unit_officer, administrator):
    unit = UnitFactory()

    assert history_visible_to(officer, unit) is not None
    assert history_visible_to(administrator, unit) is not None
    assert history_visible_to(unit_officer, unit) is None
    assert not unit_officer.has_perm(HISTORY_PERMISSION)
