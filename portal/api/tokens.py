"""Issuing and revoking the API's tokens (Django admin calls these; so may a management shell)."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import because
from portal.errors import DomainError

from ..models import ApiToken, ApiTokenScope

PREFIX_LENGTH = 8


class TokenError(DomainError):
    """A token that cannot be issued or revoked as asked."""


def hash_key(key):
    """The sha256 of a key, as stored in `ApiToken.key_hash` (the key itself is never stored)."""
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(*, name, scope, by, unit=None):
    """A new token for the system `name`; returns (token, key). The key is shown once, never stored.

    Side effects: one service user (no password, username `api-<prefix>`; a unit officer of `unit`
    for a unit token, a provincial officer for the province's read-only token, so the pages' rules
    apply to it as they are) and one ApiToken (audited), in one transaction. Raises TokenError when
    a unit token names no unit or the province token names one, or the name is blank.
    """
    name = (name or "").strip()
    if not name:
        raise TokenError(_("Name the system the token is for."))
    if scope == ApiTokenScope.UNIT and unit is None:
        raise TokenError(_("A unit token names its unit."))
    if scope == ApiTokenScope.PROVINCE_READ and unit is not None:
        raise TokenError(_("The province's read-only token names no unit."))
    if scope not in ApiTokenScope.values:
        raise TokenError(_("Choose the token's scope."))
    key = secrets.token_urlsafe(32)
    prefix = key[:PREFIX_LENGTH]
    with transaction.atomic():
        user = get_user_model()(
            username=f"api-{prefix}",
            full_name=_("System {name} (API)").format(name=name)[:255],
            unit=unit,
            is_unit_officer=scope == ApiTokenScope.UNIT,
            is_provincial_officer=scope == ApiTokenScope.PROVINCE_READ,
        )
        user.set_unusable_password()
        user.save()
        token = ApiToken.objects.create(
            name=name, key_hash=hash_key(key), prefix=prefix, scope=scope, unit=unit, user=user, created_by=by
        )
    return token, key


def revoke_token(*, token, by, reason):
    """Revoke `token` for good: its key is refused from now on (401).

    Side effects: sets revoked_at/by and the reason on the token and deactivates its service user,
    both audited with the reason. Raises TokenError without a reason or when already revoked.
    """
    reason = (reason or "").strip()
    if not reason:
        raise TokenError(_("Write the reason for revoking the token."))
    with transaction.atomic(), because(reason):
        token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if token.revoked_at is not None:
            raise TokenError(_("This token is already revoked."))
        token.revoked_at = timezone.now()
        token.revoked_by = by
        token.revocation_reason = reason
        token.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        token.user.is_active = False
        token.user.save(update_fields=["is_active"])
    return token
