"""Text helpers for Vietnamese: one text form (NFC) and search that ignores diacritics.

One text form: "Nguyễn" typed on a Mac or pasted from a PDF may come decomposed (NFD: a letter then
its combining accents). Request text is NFC through `portal.middleware.UnicodeNormalizationMiddleware`;
`nfc_before_save` (connected for every model of the project's own apps in `portal.apps`) makes every
CharField/TextField NFC before any save, whoever saves (domain code, seeds, Django admin), and
`normalise_stored_text` (the `normalise_text` command and the data migrations) rewrites stored rows.
"""

import contextlib
import re
import unicodedata
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save


def nfc(text):
    """`text` in Unicode NFC (what a Mac or a phone may send decomposed), unchanged when it already is."""
    if not isinstance(text, str) or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def without_marks(text):
    """`text` without Vietnamese diacritics, its case kept: "Hà Nội" -> "Ha Noi".

    "đ" is a separate letter, not a "d" with a combining mark, so it is mapped by hand.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text):
    """Lower-case `text` without Vietnamese diacritics: "Hà Nội" -> "ha noi"."""
    return " ".join(without_marks(text).lower().split())


def ascii_name(text, *, length=60):
    """ "Nguyễn Văn A" -> "Nguyen_Van_A": a file name every system reads ("x" for nothing left)."""
    return re.sub(r"[^A-Za-z0-9]+", "_", without_marks(text)).strip("_")[:length] or "x"


def folded_search(query, field="search_text"):
    """A Q matching rows whose folded `field` contains every word of `query`.

    The folded text is stored on the row, so this works the same on SQLite and PostgreSQL.
    """
    condition = Q()
    for word in fold(query).split():
        condition &= Q(**{f"{field}__contains": word})
    return condition


class FoldedSearchMixin:
    """Keeps a model's `search_text` column equal to the folded text of `search_words()`.

    Mixed into a model before its Django base; the model declares the `search_text` field (its
    size and index are the model's business) and says which words are searched.
    """

    search_text_max_length = None

    def search_words(self):
        raise NotImplementedError

    def save(self, *args, **kwargs):
        folded = fold(" ".join(str(word) for word in self.search_words() if word))
        self.search_text = folded[: self.search_text_max_length] if self.search_text_max_length else folded
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------
# One text form (NFC) for everything stored
# ---------------------------------------------------------------------------
def text_fields(model):
    """The attribute names of `model`'s own text columns (CharField, TextField and their subclasses)."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    )


def project_models(registry=None):
    """The models of the project's own apps (those whose code lives under BASE_DIR), from `registry`
    (the live apps, or a migration's historical apps)."""
    from django.apps import apps as live_apps

    registry = registry or live_apps
    base = Path(settings.BASE_DIR).resolve()
    own = set()
    for config in live_apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and not {".venv", "site-packages", "dist-packages"} & set(path.parts):
            own.add(config.label)
    return [model for model in registry.get_models() if model._meta.app_label in own and not model._meta.proxy]


_TEXT_FIELDS = {}


def nfc_before_save(sender, instance, **kwargs):
    """pre_save: every text column of `instance` in NFC (a no-op on text that already is)."""
    names = _TEXT_FIELDS.get(sender)
    if names is None:
        names = _TEXT_FIELDS[sender] = text_fields(sender)
    for name in names:
        value = instance.__dict__.get(name)
        if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
            instance.__dict__[name] = unicodedata.normalize("NFC", value)


def connect_nfc():
    """Connect `nfc_before_save` for every model of the project's apps that has a text column."""
    for model in project_models():
        if text_fields(model):
            pre_save.connect(nfc_before_save, sender=model, dispatch_uid=f"portal.text.nfc.{model._meta.label}")


def normalise_stored_text(registry=None, *, using="default", batch_size=500):
    """Rewrite every stored text column of the project's models in NFC; {model label: rows changed}.

    Works on the live models or a migration's historical ones (`registry`). Only rows holding
    decomposed text are written (one UPDATE each, bypassing save(): nothing else changes). Where a
    model keeps a folded `search_text` and its live class says which words it holds, that column is
    recomputed from the NFC words too. Side effects: UPDATEs only; no audit entries (a migration).
    """
    from django.apps import apps as live_apps

    changed = {}
    for model in project_models(registry):
        names = text_fields(model)
        if not names:
            continue
        live = live_apps.get_model(model._meta.label)
        words = getattr(live, "search_words", None) if "search_text" in names else None
        manager = model._base_manager.using(using)
        count = 0
        for row in manager.values_list("pk", *names).iterator(chunk_size=batch_size):
            pk, values = row[0], dict(zip(names, row[1:], strict=True))
            fixed = {name: nfc(value) for name, value in values.items() if nfc(value) != value}
            if not fixed:
                continue
            if words is not None:
                instance = manager.get(pk=pk)
                for name, value in fixed.items():
                    setattr(instance, name, value)
                # A historical model may lack what its live class reads: the folded text then stays.
                with contextlib.suppress(AttributeError, TypeError):
                    fixed["search_text"] = fold(" ".join(str(word) for word in words(instance) if word))
            manager.filter(pk=pk).update(**fixed)
            count += 1
        if count:
            changed[model._meta.label] = count
    return changed
