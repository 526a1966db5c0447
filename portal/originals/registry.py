"""The documents the portal can sign: each app registers a `Signable` in its `<app>/signables.py`.

    register(Signable(key="decision", model=Decision, render_pdf=decision_pdf, ...))

`portal` never imports another app: the registry imports each of OUR_APPS' `signables` module the
first time it is asked (`signable(key)`, `signables()`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings


def _no_signature(obj):
    return "", ""


def _no_notice(*, version, obj):
    return 0


@dataclass(frozen=True)
class Signable:
    """One kind of document the portal produces and may sign.

    - key: the registry key, in URLs and on each SignedVersion ("decision", "minutes" ...)
    - model: the model whose rows carry the document
    - render_pdf(obj) -> bytes: the current unsigned PDF (deterministic: same content, same bytes)
    - title(obj) -> str: the document's name on the panel and in messages
    - can_view(user, obj), can_sign(user, obj) -> bool: who sees the versions, who signs
    - number(obj) -> str: the document's number (the download's name), "" when it has none
    - page_url(obj) -> str: the page the panel sits on (where the actions go back to)
    - signature(obj) -> (title lines, signer name): the visible signature block's words
    - queryset(): the rows the pages load the object from (with the select_related they need)
    - notify(version=, obj=) -> int: tell whoever acts next (default: nobody)
    """

    key: str
    model: Any
    render_pdf: Callable
    title: Callable
    can_view: Callable
    can_sign: Callable
    number: Callable
    page_url: Callable
    signature: Callable = _no_signature
    queryset: Callable | None = None
    notify: Callable = _no_notice

    def rows(self):
        return self.queryset() if self.queryset is not None else self.model._default_manager.all()


_REGISTRY = {}
_discovered = False


def register(signable):
    """Add (or replace, on a reload) the Signable under its key."""
    _REGISTRY[signable.key] = signable
    return signable


def _discover():
    global _discovered
    if _discovered:
        return
    from portal.navigation import OUR_APPS

    for app in OUR_APPS:
        if app not in settings.INSTALLED_APPS:
            continue
        try:
            import_module(f"{app}.signables")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.signables":
                raise
    _discovered = True


def signable(key):
    """The Signable registered under `key`, or None."""
    _discover()
    return _REGISTRY.get(key)


def signables():
    _discover()
    return dict(_REGISTRY)
