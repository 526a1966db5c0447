"""The one limit on how often a visitor may use a public page (no login): `@throttled(scope, per_hour=N)`.

    @throttled("verify", per_hour=60)
    def verify(request, code): ...

A fixed one-hour window per scope and client address, counted in Django's cache (Redis when
`CACHE_URL` is set, so every web process shares the count; the process's memory otherwise). Only
the requests `counts(request)` accepts are counted (by default every request; a form passes
`counts=lambda r: r.method == "POST"` so that reading the page is free). Over the limit the visitor
gets 429 with a Vietnamese page and `Retry-After`; nothing else runs. The REST API uses Django REST
framework's own throttles, not this.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

WINDOW_SECONDS = 3600

__all__ = ["client_address", "is_over_limit", "throttled"]


def client_address(request):
    """The visitor's address: the first of `THROTTLE_CLIENT_IP_HEADER` when set (behind a proxy), else REMOTE_ADDR."""
    header = settings.THROTTLE_CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get(header, "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def is_over_limit(request, *, scope, per_hour):
    """Count this request in its window; True when it is beyond `per_hour` (settings may lower or raise it).

    Side effects: one counter per (scope, address, window) in the cache, expiring with the window.
    """
    limit = settings.THROTTLE_RATES.get(scope, per_hour)
    window = int(time.time() // WINDOW_SECONDS)
    key = f"throttle:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        count = 1
    return count > limit


def throttled(scope, *, per_hour, counts=None):
    """Decorate a public view: beyond `per_hour` counted requests from one address, answer 429."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (counts is None or counts(request)) and is_over_limit(request, scope=scope, per_hour=per_hour):
                retry = WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
                response = render(request, "429.html", {"retry_minutes": max(1, retry // 60)}, status=429)
                response["Retry-After"] = str(retry)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
