"""The upward package's panel on the proposal page (issue 16, upward): `{% upward_panel %}`.

Shown for a decided or forwarded proposal naming a State award, to officers (check, build, download,
send) and to the proposing unit's officers (the packages and their sending, read-only). Two queries:
whether the proposal goes upward, and its packages with who built and sent them."""

from django import template

from ..domain.upward.package import PACKAGE_STATES, is_central
from ..models import UpwardPackage

register = template.Library()


@register.inclusion_tag("awards/upward/panel.html", takes_context=True)
def upward_panel(context, proposal):
    user = context["request"].user
    shown = proposal.state in PACKAGE_STATES and (
        user.has_perm("awards.build_upward_package", proposal)
        or user.has_perm("awards.view_upwardpackage", UpwardPackage(proposal=proposal))
    )
    if not shown or not is_central(proposal):
        return {"shown": False}
    packages = list(UpwardPackage.objects.filter(proposal=proposal).select_related("built_by", "sent_by"))
    can_build = user.has_perm("awards.build_upward_package", proposal)
    return {
        "shown": True,
        "proposal": proposal,
        "packages": packages,
        "latest": packages[0] if packages else None,
        "can_build": can_build,
        "csrf_token": context.get("csrf_token"),
    }
