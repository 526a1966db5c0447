"""The dossier page's panel of its public notice and comments (issue 16, public): `{% notice_panel object %}`.

Officers see every comment with the moderation links; whoever else may open the dossier (its unit, the
council) sees the published comments and answers, as the public does. Two queries, only for a dossier
that has reached public notice.
"""

from django import template

from ..enums import CommentState, ProposalState
from ..models import NoticeComment, PublicNotice

register = template.Library()

NOTICE_STATES = frozenset({ProposalState.PUBLIC_NOTICE, ProposalState.DECIDED, ProposalState.FORWARDED})


@register.inclusion_tag("awards/notices/_panel.html", takes_context=True)
def notice_panel(context, proposal):
    user = context["request"].user
    if proposal.state not in NOTICE_STATES:
        return {"show": False}
    can_moderate = user.has_perm("awards.list_noticecomment")
    notice = PublicNotice.objects.filter(proposal=proposal).first()
    data = {"show": bool(notice) or can_moderate, "proposal": proposal, "notice": notice, "can_moderate": can_moderate}
    if notice is None:
        return data
    notice.proposal = proposal
    comments = NoticeComment.objects.filter(proposal=proposal).select_related("entry").order_by("received_at", "pk")
    if not can_moderate:
        comments = comments.filter(state=CommentState.PUBLISHED)
    data.update(
        notice_open=notice.is_open(),
        comments=list(comments),
        entries=list(notice.entries.all()) if can_moderate else [],
    )
    return data
