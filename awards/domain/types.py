"""Each commendation type's own criteria and documents (issue 12, types).

A regular-merit nominee is judged by its award's rule (`eligibility.RULES`); a nominee of any other
type (*đột xuất, chuyên đề, quá trình cống hiến, niên hạn, kháng chiến, đối ngoại*) by the one
function of its type here, called from `eligibility.check_nominee` in place of the award's rule.
Those types neither need nor count toward regular-merit history (`AwardRecordQuerySet.counting()`
keeps only regular records), and the title-once-a-year check of regular merit does not apply to
them: a special-achievement Bằng khen in the same year as a regular one is another act, not a second
conferral. What each type must not repeat is checked here instead (a contribution, length-of-service
or resistance-war award is conferred once on a recipient).

Choices made where the texts leave room (see docs/conventions.md, "Commendation types"):
- a thematic proposal must be linked to the review of its movement (`Proposal.movement_review`);
  a movement named only in the title is not enough, since the portal cannot check it;
- the years of service an award requires for a contribution or a length-of-service commendation are
  dated `LegalParameter` rows per award with no default (the law sets them per form and per
  position: an administrator enters them), read on 31/12 of the proposal year;
- years of service = proposal year - `Nominee.service_since_year`.
"""

import re
from datetime import date

from django.utils.translation import gettext as _

from ..enums import CommendationType, DocumentKind, ParameterKind
from . import AwardsError
from .lookup import recipient_records
from .parameters import parameter_value

# A date in an achievement summary: 12/06/2025, 12-6-2025 or "ngày 12 tháng 6 năm 2025".
DATE_IN_TEXT = re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}", re.I)

# The documents each type adds to those its award requires (Award.required_documents).
TYPE_DOCUMENTS = {
    CommendationType.REGULAR: [],
    CommendationType.SPECIAL: [DocumentKind.EVIDENCE],
    CommendationType.THEMATIC: [DocumentKind.ACHIEVEMENT_REPORT],
    CommendationType.LIFETIME: [DocumentKind.ACHIEVEMENT_REPORT],
    CommendationType.SERVICE: [],
    CommendationType.RESISTANCE: [DocumentKind.ACHIEVEMENT_REPORT, DocumentKind.EVIDENCE],
    CommendationType.FOREIGN: [DocumentKind.ACHIEVEMENT_REPORT],
}

# The nominee fields each type reads (the nominee form shows them; `achievement` is then required).
NEEDS_ACHIEVEMENT = frozenset(
    {
        CommendationType.SPECIAL,
        CommendationType.THEMATIC,
        CommendationType.LIFETIME,
        CommendationType.RESISTANCE,
        CommendationType.FOREIGN,
    }
)
NEEDS_SERVICE_YEAR = frozenset({CommendationType.LIFETIME, CommendationType.SERVICE})
YEARS_PARAMETER = {
    CommendationType.LIFETIME: ParameterKind.CONTRIBUTION_YEARS,
    CommendationType.SERVICE: ParameterKind.SERVICE_YEARS,
}
ONCE_PER_RECIPIENT = frozenset({CommendationType.LIFETIME, CommendationType.SERVICE, CommendationType.RESISTANCE})


def required_documents(*, award, commendation_type):
    """The document kinds a nominee of `award` needs in a dossier of `commendation_type`."""
    return set(award.required_documents or []) | {str(kind) for kind in TYPE_DOCUMENTS.get(commendation_type, [])}


def _needs_achievement(check, nominee, message):
    if not (nominee.achievement or "").strip():
        check.fail(message)
        return False
    return True


def _check_once(check, nominee, commendation_type):
    """Contribution, length-of-service and resistance-war awards are conferred once on a recipient."""
    if commendation_type not in ONCE_PER_RECIPIENT:
        return
    records = recipient_records(nominee)
    record = (
        records.filter(award_id=nominee.award_id, commendation_type=commendation_type)
        .exclude(nominee_id=nominee.pk)
        .order_by("year", "pk")
        .first()
    )
    if record is not None:
        check.fail(
            _("{award} was already conferred on this recipient for {year} under this commendation type.").format(
                award=nominee.award, year=record.year
            )
        )


def _check_service_years(check, nominee, commendation_type):
    since = nominee.service_since_year
    if since is None:
        check.fail(_("Enter the year the nominee's service began: this commendation type requires years of service."))
        return
    if not 1945 <= since <= nominee.year:
        check.fail(_("The year service began must be between 1945 and the proposal year."))
        return
    try:
        needed = int(
            parameter_value(kind=YEARS_PARAMETER[commendation_type], on=date(nominee.year, 12, 31), award=nominee.award)
        )
    except AwardsError as error:
        check.fail(str(error))
        return
    served = nominee.year - since
    if served < needed:
        check.fail(
            _("{served} years of service since {since}; {award} requires {needed}.").format(
                served=served, since=since, award=nominee.award, needed=needed
            )
        )
    else:
        check.note(
            _("{served} years of service since {since} (at least {needed} required).").format(
                served=served, since=since, needed=needed
            )
        )


def check_special(check, nominee):
    """Đột xuất: no history; an achievement summary naming the act and its date (evidence is a document)."""
    if _needs_achievement(
        check, nominee, _("A special-achievement award needs an achievement summary naming the act and its date.")
    ):
        if DATE_IN_TEXT.search(nominee.achievement):
            check.note(_("Special achievement: no past awards are needed; the act and its date are described."))
        else:
            check.fail(_("The achievement summary must give the date of the act (for example 12/06/2025)."))


def check_thematic(check, nominee):
    """Chuyên đề (đợt): no history; the proposal is linked to the review of its movement."""
    proposal = nominee.proposal
    if proposal.movement_review_id is None:
        check.fail(_("A thematic proposal must be linked to the review of its movement: choose it on the proposal."))
    else:
        check.note(
            _("Thematic award of the movement “{movement}”: no past awards are needed.").format(
                movement=proposal.movement_review.movement
            )
        )
    _needs_achievement(check, nominee, _("A thematic award needs an achievement summary in the movement."))


def check_contribution(check, nominee):
    """Quá trình cống hiến: years of service (per award, dated) and the summary of the contribution."""
    _needs_achievement(check, nominee, _("A contribution award needs a summary of the nominee's contribution."))
    _check_service_years(check, nominee, CommendationType.LIFETIME)


def check_length_of_service(check, nominee):
    """Niên hạn: years of service (per award, dated)."""
    _check_service_years(check, nominee, CommendationType.SERVICE)


def check_resistance(check, nominee):
    """Kháng chiến: no regular history; the summary of the resistance-war achievement."""
    if _needs_achievement(
        check, nominee, _("A resistance-war award needs a summary of the nominee's achievement in the resistance war.")
    ):
        check.note(_("Resistance-war achievement: no past awards are needed."))


def check_foreign(check, nominee):
    """Đối ngoại: a foreign person or organisation (entered as a person or a unit); the summary."""
    if _needs_achievement(
        check, nominee, _("A foreign award needs a summary of the nominee's contribution to the province.")
    ):
        check.note(_("Foreign award: no past awards are needed."))


TYPE_CHECKS = {
    CommendationType.SPECIAL: check_special,
    CommendationType.THEMATIC: check_thematic,
    CommendationType.LIFETIME: check_contribution,
    CommendationType.SERVICE: check_length_of_service,
    CommendationType.RESISTANCE: check_resistance,
    CommendationType.FOREIGN: check_foreign,
}


def check_type(check, nominee):
    """Judge a nominee of a type other than regular merit by its type's criteria (reads only).

    Returns False for a regular-merit nominee (the caller applies the award's rule).
    """
    commendation_type = nominee.proposal.commendation_type
    type_check = TYPE_CHECKS.get(commendation_type)
    if type_check is None:
        return False
    _check_once(check, nominee, commendation_type)
    type_check(check, nominee)
    return True
