"""Django admin speaks Vietnamese: no "Xóa các các", no English names of our models or their columns."""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from portal.text import project_models
from tests.factories.clusters import TermFactory
from tests.factories.movements import TargetFactory

TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)


def visible_text(response):
    return " ".join(unescape(TAGS.sub(" ", response.content.decode())).split())


def english_names(model):
    """The English texts of `model`'s names and columns whose Vietnamese differs (a translated text)."""
    texts = [model._meta.verbose_name, model._meta.verbose_name_plural]
    texts += [field.verbose_name for field in model._meta.concrete_fields if field.name != "id"]
    names = set()
    for text in texts:
        with translation.override("en"):
            english = str(text)
        with translation.override("vi"):
            vietnamese = str(text)
        if english != vietnamese:
            names.add(capfirst(english))
    return names


@pytest.mark.django_db
def test_admin_pages_are_in_vietnamese_without_doubled_words(client_as, administrator):
    TargetFactory()
    TermFactory()
    client = client_as(administrator)
    ours = [model for model in project_models() if model in admin.site._registry]
    assert len(ours) > 10
    pages = [reverse("admin:index")]
    for model in ours:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        if admin.site._registry[model].has_add_permission(type("R", (), {"user": administrator})()):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
    english = {model: english_names(model) for model in ours}
    problems = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response)
        if re.search(r"\bcác các\b", text, re.I):
            problems.append(f"{url}: 'các các'")
        for model, names in english.items():
            for name in names:
                if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                    problems.append(f"{url}: English {name!r} ({model._meta.label})")
    assert not problems, "\n".join(sorted(set(problems)))
