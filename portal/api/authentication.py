"""`Authorization: Token <key>`: the API's only way in (no session, so no CSRF question)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ..models import ApiToken
from .tokens import hash_key

# last_used_at is written at most this often per token (not one UPDATE per request).
LAST_USED_STEP = timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    """Finds the token by the sha256 of the key; a revoked token or a disabled service user is refused.

    `request.user` is the token's service user, `request.auth` the ApiToken.
    """

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Authorization: Token <key>."))
        try:
            key = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("The API key is not valid.")) from None
        token = ApiToken.objects.select_related("user", "unit").filter(key_hash=hash_key(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("The API key is not valid."))
        if token.revoked_at is not None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked."))
        token.user.api_scope = token.scope  # read by the permissions without another query
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


def mark_used(token):
    """Stamp `token.last_used_at` (one UPDATE, at most once a minute; no audit entry: not a change of
    the token). Called for answered requests only, so a refused one writes nothing."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """The schema's description of the header (drf-spectacular finds extensions by their class)."""

    target_class = "portal.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token <key> (khóa do quản trị viên cấp / the key an administrator issued)",
        }
