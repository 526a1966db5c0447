"""Collects the menu from each app's `navigation.menu(user)`, so apps own their entries."""

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.conf import settings
from django.urls import get_script_prefix, reverse

OUR_APPS = ("portal", "directory", "movements", "clusters", "awards", "reports")


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    section: str = ""

    @property
    def url(self):
        return _menu_url(self.url_name, get_script_prefix())


@cache
def _menu_url(url_name, script_prefix):
    """A menu entry's address: the menu is drawn on every page, its links never change (argument-less
    URL names) but for the prefix the site is served under."""
    return reverse(url_name)


def _menu_modules():
    modules = []
    for app in OUR_APPS:
        if app not in settings.INSTALLED_APPS:
            continue
        try:
            modules.append(import_module(f"{app}.navigation"))
        except ModuleNotFoundError as error:
            if error.name != f"{app}.navigation":
                raise
    return modules


def menu_for(user):
    items = []
    for module in _menu_modules():
        if module.__name__ == __name__:
            continue
        items.extend(module.menu(user))
    return items


@dataclass(frozen=True)
class MenuLink:
    """A menu entry as the page draws it: address, label in the active language, current page or not."""

    label: str
    url: str
    current: bool


def menu_sections_for(user, path):
    """[(section, [MenuLink, ...]), ...] in menu order: the menu of `user` on the page at `path`
    (an entry is current when `path` starts with its address)."""
    sections = {}
    for item in menu_for(user):
        url = item.url
        sections.setdefault(str(item.section), []).append(MenuLink(str(item.label), url, path.startswith(url)))
    return list(sections.items())


def dashboard_panels_for(user):
    """Each app may offer `dashboard.panels(user)`: a list of (template, context) pairs."""
    panels = []
    for app in OUR_APPS:
        try:
            module = import_module(f"{app}.dashboard")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.dashboard":
                raise
            continue
        panels.extend(module.panels(user))
    return panels
