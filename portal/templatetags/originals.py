"""`{% original_panel object key as panel %}`: what the signed-originals panel shows (one query)."""

from django import template

from portal.originals.domain import latest_original, versions_of
from portal.originals.registry import signable as registered
from portal.originals.rules import Target

register = template.Library()


@register.simple_tag(takes_context=True)
def original_panel(context, obj, key):
    """{signable, versions, original, can_sign, signing_configured} for the user of the page, or
    None when the key is unknown or the user may not see the document's versions."""
    from portal.signing import signing_configured

    signable = registered(key)
    request = context.get("request")
    if signable is None or obj is None or request is None:
        return None
    target = Target(signable, obj)
    if not request.user.has_perm("portal.view_original", target):
        return None
    versions = list(versions_of(obj, key))
    return {
        "key": key,
        "object": obj,
        "signable": signable,
        "versions": versions,
        "original": latest_original(versions),
        "can_sign": request.user.has_perm("portal.sign_original", target),
        "signing_configured": bool(signing_configured()),
    }
