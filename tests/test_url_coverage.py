"""Every URL of the portal is in some app's permission matrix (tests/<app>/test_permissions.py)."""

from django.urls import get_resolver

from tests.permissions import declared_url_names

NOT_OURS = {"admin", "set_language"}


def our_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= our_url_names(pattern, inner)
        elif pattern.name and pattern.name not in NOT_OURS:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_covered_by_a_permission_matrix():
    missing = our_url_names() - declared_url_names()

    assert missing == set()
