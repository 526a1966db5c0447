"""The API's OpenAPI description: generated without a warning, valid OpenAPI 3, every endpoint in it."""

import pytest
import yaml
from django.core.management import call_command
from django.urls import get_resolver, reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_setup, django_db_blocker):
    """`manage.py spectacular --validate --fail-on-warn`: drf-spectacular's own check against the
    OpenAPI 3 JSON schema, failing on any warning (an unresolved type, a filter it cannot read)."""
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def api_route_paths():
    """Every path of the router (`api:*-list`, `api:*-detail`, actions) as the schema writes it."""
    paths = set()
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api")
    for pattern in api.url_patterns:
        if pattern.name in ("schema", "docs"):
            continue
        route = str(pattern.pattern).lstrip("^").rstrip("$")
        paths.add("/api/v1/" + route.replace("(?P<pk>[^/.]+)", "{id}"))
    return paths


def test_the_schema_generates_without_warnings_and_validates(schema):
    assert schema["openapi"].startswith("3.")
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_every_endpoint_is_in_the_schema(schema):
    routes = api_route_paths()

    assert len(routes) >= 13
    assert routes <= set(schema["paths"])
    assert schema["paths"]["/api/v1/proposals/{id}/documents/"]["post"]["requestBody"]["content"].keys() == {
        "multipart/form-data"
    }


def test_the_schema_and_its_page_need_no_token(client):
    served = client.get(reverse("api:schema"))
    docs = client.get(reverse("api:docs"))
    script = client.get(reverse("api:docs") + "?script=")

    assert served.status_code == 200 and b"openapi" in served.content
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    assert b"://" not in docs.content.split(b"<body>")[1].replace(b"http://testserver", b"")  # nothing from outside
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
