"""Requests per token over time (settings.API_THROTTLE_RATE, e.g. "1000/hour"): 429 beyond it."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from ..models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """Counted in the cache per token (never per address: systems may share a gateway)."""

    scope = "api_token"

    def get_rate(self):
        return settings.API_THROTTLE_RATE  # read at each request, so a test can change it

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None  # refused anyway: no token
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
