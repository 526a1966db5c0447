import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(request, settings, tmp_path):
    # A module whose data is built once keeps its media in one folder for the whole module.
    if "shared_data" not in request.fixturenames:
        settings.MEDIA_ROOT = tmp_path / "media"
