"""The eligibility engine: each nominee checked against the law and the stored award history.

Every check explains itself in Vietnamese (msgids in English, translated in the catalogue), so an
officer can see why a nominee passes or fails without reopening the paper history.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.domain.lineage import lineage_ids
from directory.domain.ratings import ratings_for_people, ratings_for_person, ratings_for_unit, years_rated
from directory.enums import DutyRatingLevel
from directory.models import DutyRating, Person

from ..enums import (
    AwardCategory,
    CaseKind,
    CommendationType,
    DisciplineLevel,
    EligibilityRule,
    EligibilityStatus,
    InitiativeScope,
    Outcome,
    ParameterKind,
    RecipientKind,
)
from ..models import AwardRecord, DisciplineCase, Initiative, Nominee
from . import catalogue
from .lookup import recipient_records
from .parameters import parameter_value, whole_parameter
from .types import check_type

# The individual titles that include Lao động tiên tiến (a member holding one counts in a collective's share).
ADVANCED_OR_HIGHER = [
    catalogue.ADVANCED_WORKER,
    catalogue.GRASSROOTS_FIGHTER,
    catalogue.PROVINCIAL_FIGHTER,
    catalogue.NATIONAL_FIGHTER,
]

# One whole sentence per case: a label is never inserted into a sentence.
HELD_BY_CASE = {
    CaseKind.DISCIPLINE: gettext_lazy("Held: a discipline case opened on {date} is still pending."),
    CaseKind.INSPECTION: gettext_lazy("Held: an inspection opened on {date} is still pending."),
    CaseKind.COMPLAINT: gettext_lazy("Held: a complaint opened on {date} is still pending."),
}
SCOPE_TOO_NARROW = {
    (InitiativeScope.GRASSROOTS, InitiativeScope.PROVINCIAL): gettext_lazy(
        "The initiative “{title}” has grassroots effect; province-wide effect is required."
    ),
    (InitiativeScope.GRASSROOTS, InitiativeScope.NATIONAL): gettext_lazy(
        "The initiative “{title}” has grassroots effect; nationwide effect is required."
    ),
    (InitiativeScope.PROVINCIAL, InitiativeScope.NATIONAL): gettext_lazy(
        "The initiative “{title}” has province-wide effect; nationwide effect is required."
    ),
}
NOT_FOR_COMMENDATION_TYPE = {
    CommendationType.REGULAR: gettext_lazy("{award} may not be used for regular merit awards."),
    CommendationType.SPECIAL: gettext_lazy("{award} may not be used for special achievement awards."),
    CommendationType.THEMATIC: gettext_lazy("{award} may not be used for movement or thematic awards."),
    CommendationType.LIFETIME: gettext_lazy("{award} may not be used for lifetime contribution awards."),
    CommendationType.SERVICE: gettext_lazy("{award} may not be used for length of service awards."),
    CommendationType.RESISTANCE: gettext_lazy("{award} may not be used for resistance-war awards."),
    CommendationType.FOREIGN: gettext_lazy("{award} may not be used for foreign awards."),
}

# Ratings of duty completion, one whole sentence per level ("Hoàn thành xuất sắc nhiệm vụ 2023, 2024.").
RATED_IN = {
    DutyRatingLevel.EXCELLENT: gettext_lazy("Completed duties excellently in {years}."),
    DutyRatingLevel.GOOD: gettext_lazy("Completed duties well in {years}."),
    DutyRatingLevel.COMPLETED: gettext_lazy("Completed duties in {years}."),
    DutyRatingLevel.NOT_COMPLETED: gettext_lazy("Did not complete duties in {years}."),
}
AT_LEAST = {
    DutyRatingLevel.EXCELLENT: gettext_lazy("Excellent completion of duties is required for {year}."),
    DutyRatingLevel.GOOD: gettext_lazy("Completing duties well or better is required for {year}."),
}
NO_RATING = {
    DutyRatingLevel.EXCELLENT: gettext_lazy(
        "No rating of duty completion is recorded for {year}; excellent completion is required."
    ),
    DutyRatingLevel.GOOD: gettext_lazy(
        "No rating of duty completion is recorded for {year}; completing duties well or better is required."
    ),
}


@dataclass
class Check:
    status: str = EligibilityStatus.PASSED
    reasons: list = field(default_factory=list)

    def fail(self, reason):
        if self.status != EligibilityStatus.HELD:
            self.status = EligibilityStatus.FAILED
        self.reasons.append(reason)

    def hold(self, reason):
        self.status = EligibilityStatus.HELD
        self.reasons.append(reason)

    def note(self, reason):
        self.reasons.append(reason)

    @property
    def explanation(self):
        return "\n".join(self.reasons)


def run_ending(years, end):
    """How many consecutive years end at `end` in `years`."""
    count = 0
    while end - count in years:
        count += 1
    return count


def best_run(years, year):
    """The longest run of consecutive years ending at `year` or, if that year is not recorded yet, the year before."""
    return max(run_ending(years, year), run_ending(years, year - 1))


def _years_text(years):
    return ", ".join(str(year) for year in sorted(years))


def person_years(person, code, *, include_pending_year=None):
    """Years in which `person` received the award `code` (regular merit only).

    With `include_pending_year`, a nomination for that year still under way also counts (a
    Chiến sĩ thi đua cơ sở proposed together with the Lao động tiên tiến it needs).
    """
    years = set(AwardRecord.objects.counting().filter(person=person, award__code=code).values_list("year", flat=True))
    if include_pending_year is not None:
        pending = Nominee.objects.filter(
            person=person, award__code=code, year=include_pending_year, proposal__commendation_type="regular"
        ).exclude(outcome=Outcome.REJECTED)
        if pending.exists():
            years.add(include_pending_year)
    return years


def unit_years(unit, code):
    """Years in which `unit` or any unit that merged into it received the collective award `code`."""
    return set(
        AwardRecord.objects.counting()
        .filter(unit_id__in=lineage_ids(unit), is_collective=True, award__code=code)
        .values_list("year", flat=True)
    )


def _award_name(code):
    return {row[0]: row[1] for row in catalogue.CATALOGUE}.get(code, code)


def _check_consecutive(check, years, year, needed, code):
    run = best_run(years, year)
    recent = {found for found in years if found > year - 10}
    if run >= needed:
        check.note(
            _("{count} consecutive years of {award} found ({years}).").format(
                count=run, award=_award_name(code), years=_years_text(recent)
            )
        )
        return True
    check.fail(
        _("{needed} consecutive years of {award} required; found {years} only.").format(
            needed=needed, award=_award_name(code), years=_years_text(recent)
        )
        if recent
        else _("{needed} consecutive years of {award} required; none found.").format(
            needed=needed, award=_award_name(code)
        )
    )
    return False


def _on(year):
    """The day a rule of `year` is read at: the parameters in force at the end of that year."""
    return date(year, 12, 31)


def _recipient_ratings(nominee):
    """{year: rating} of the nominee's person, or of its collective following mergers."""
    if nominee.person_id:
        return ratings_for_person(nominee.person)
    return ratings_for_unit(nominee.unit)


def _check_rating(check, nominee, at_least, *, ratings=None):
    """The nominee's rating of duty completion for its year is `at_least` or better. Returns True when it is."""
    ratings = _recipient_ratings(nominee) if ratings is None else ratings
    year = nominee.year
    found = ratings.get(year)
    if found is None:
        check.fail(str(NO_RATING[at_least]).format(year=year))
        return False
    rated = str(RATED_IN[found]).format(years=year)
    if found in DutyRatingLevel.at_least(at_least):
        check.note(rated)
        return True
    check.fail(" ".join([rated, str(AT_LEAST[at_least]).format(year=year)]))
    return False


def _rated_years(ratings, at_least, year):
    """(years up to `year` rated `at_least` or better, "Hoàn thành xuất sắc nhiệm vụ 2023, 2024." or "")."""
    years = sorted(found for found in years_rated(ratings, at_least) if year - 10 < found <= year)
    return years, (str(RATED_IN[at_least]).format(years=_years_text(years)) if years else "")


def collective_size(nominee):
    """(members in the directory, members the collective had that year): the second is the member count
    stated with the collective's rating for the year when it is larger (the directory may not hold
    every member), else the first. A member not in the directory counts as not Lao động tiên tiến
    and not rated."""
    in_directory = Person.objects.filter(unit=nominee.unit).count()
    stated = (
        DutyRating.objects.filter(unit=nominee.unit, year=nominee.year, member_count__isnull=False)
        .values_list("member_count", flat=True)
        .first()
    )
    return in_directory, max(in_directory, stated or 0)


def _note_missing_members(check, in_directory, total, year):
    if total > in_directory:
        check.note(
            _(
                "The collective had {total} members in {year} (its rating says so); {missing} of them are not "
                "in the directory and count as not Lao động tiên tiến and not rated."
            ).format(total=total, year=year, missing=total - in_directory)
        )


def _check_members_rated(check, nominee):
    """Every member of the collective rated at least "completed" in the nominee's year."""
    members = Person.objects.filter(unit=nominee.unit)
    ratings = ratings_for_people(people=members, year=nominee.year)
    _in_directory, total = collective_size(nominee)
    missing = total - len(ratings)
    below = [person_id for person_id, rating in ratings.items() if rating == DutyRatingLevel.NOT_COMPLETED]
    values = {"year": nominee.year, "missing": missing, "below": len(below), "total": total}
    if missing:
        check.fail(_("{missing} of {total} members have no rating of duty completion for {year}.").format(**values))
    if below:
        check.fail(_("{below} members did not complete their duties in {year}.").format(**values))
    if total and not missing and not below:
        check.note(_("All {total} members completed their duties in {year}.").format(**values))


def _member_share(nominee):
    """(members in the directory, members that year, those of them with Lao động tiên tiến or better in the
    nominee's year recorded, and recorded or proposed) of a collective.

    A member counts when the title is in the history for that year or proposed for that year in
    the same dossier (and not rejected).
    """
    unit, year = nominee.unit, nominee.year
    members = Person.objects.filter(unit=unit)
    in_directory, total = collective_size(nominee)
    recorded = set(
        AwardRecord.objects.counting()
        .filter(person__in=members, year=year, award__code__in=ADVANCED_OR_HIGHER)
        .values_list("person_id", flat=True)
    )
    proposed = set(
        Nominee.objects.filter(
            proposal_id=nominee.proposal_id, person__in=members, year=year, award__code__in=ADVANCED_OR_HIGHER
        )
        .exclude(outcome=Outcome.REJECTED)
        .values_list("person_id", flat=True)
    )
    return in_directory, total, len(recorded), len(recorded | proposed)


def _check_member_share(check, nominee, *, kind):
    """The share of Lao động tiên tiến members: above the figure (Tập thể lao động tiên tiến) or at least it."""
    in_directory, total, recorded, advanced = _member_share(nominee)
    _note_missing_members(check, in_directory, total, nominee.year)
    if total == 0:
        check.fail(
            _(
                "The collective has no members recorded in the directory, "
                "so its share of Lao động tiên tiến cannot be checked."
            )
        )
        return
    required = parameter_value(kind=kind, on=_on(nominee.year))
    share = advanced * 100 / total
    strictly_more = kind == ParameterKind.ADVANCED_COLLECTIVE_SHARE
    values = {
        "advanced": advanced,
        "total": total,
        "share": f"{share:.1f}".replace(".", ","),
        "year": nominee.year,
        "required": f"{required.normalize():f}".replace(".", ","),
        "proposed": advanced - recorded,
    }
    if strictly_more:
        text = _(
            "{advanced} of {total} members ({share}%) were Lao động tiên tiến in {year}; "
            "the share must exceed {required}%."
        ).format(**values)
    else:
        text = _(
            "{advanced} of {total} members ({share}%) were Lao động tiên tiến in {year}; the minimum is {required}%."
        ).format(**values)
    passed = share > required if strictly_more else share >= required
    if passed:
        check.note(text)
    else:
        check.fail(text)
    if advanced > recorded:
        check.note(_("Of them, {proposed} are proposed for Lao động tiên tiến in this dossier.").format(**values))


def _check_discipline(check, nominee):
    """No member (nor the collective) sanctioned at warning level or above, by the year the sanction was imposed."""
    year = nominee.year
    sanctioned = DisciplineCase.objects.annotate(
        sanction_date=Coalesce("sanctioned_on", "closed_on", "opened_on")
    ).filter(level=DisciplineLevel.WARNING, sanction_date__year=year)
    members = sanctioned.filter(person__unit=nominee.unit).values_list("person_id", flat=True).distinct().order_by()
    count = len(set(members))
    collective = sanctioned.filter(unit=nominee.unit, person__isnull=True).exists()
    if count:
        check.fail(
            _("{count} members were disciplined at warning level or above in {year}.").format(count=count, year=year)
        )
    if collective:
        check.fail(_("The collective was disciplined at warning level or above in {year}.").format(year=year))
    if not count and not collective:
        check.note(_("No member was disciplined at warning level or above in {year}.").format(year=year))


def _check_not_conferred(check, nominee):
    """The same title is never conferred twice on the same recipient for the same year.

    Pending nominations are kept single by the nominee's uniqueness constraint (person or unit,
    award, year); this reads the award history, of the unit and of the units merged into it.
    """
    award, year = nominee.award, nominee.year
    if award.category != AwardCategory.TITLE:
        return
    records = recipient_records(nominee)
    record = (
        records.filter(award__code=award.code, year=year)
        .exclude(nominee_id=nominee.pk)
        .order_by("decided_on", "pk")
        .first()
    )
    if record is not None:
        if record.decision_number:
            check.fail(
                _(
                    "{award} for {year} was already conferred by decision {number}; a title is conferred once a year."
                ).format(award=award, year=year, number=record.decision_number)
            )
        else:
            check.fail(
                _("{award} for {year} is already in the award history; a title is conferred once a year.").format(
                    award=award, year=year
                )
            )


def _check_holds(check, nominee):
    today_cases = DisciplineCase.objects.filter(closed_on__isnull=True)
    if nominee.person_id:
        cases = today_cases.filter(person=nominee.person)
    else:
        cases = today_cases.filter(unit_id__in=lineage_ids(nominee.unit))
    for case in cases:
        check.hold(str(HELD_BY_CASE[CaseKind(case.kind)]).format(date=case.opened_on.strftime("%d/%m/%Y")))


def _check_initiative(check, nominee, *, scopes=None):
    initiative = nominee.initiative
    if initiative is None:
        return False
    used_record = (
        AwardRecord.objects.filter(Q(initiative=initiative) | Q(initiatives_used=initiative))
        .exclude(nominee_id=nominee.pk)
        .select_related("award")
        .first()
    )
    other = (
        Nominee.objects.filter(initiative=initiative)
        .exclude(pk=nominee.pk)
        .exclude(outcome=Outcome.REJECTED)
        .select_related("award")
        .first()
    )
    if used_record is not None or other is not None:
        used_for = used_record.award if used_record else other.award
        check.fail(
            _("The initiative “{title}” already supports {award}; an initiative counts for one award only.").format(
                title=initiative.title, award=used_for
            )
        )
        return False
    if scopes and initiative.scope not in scopes:
        check.fail(
            str(SCOPE_TOO_NARROW[InitiativeScope(initiative.scope), InitiativeScope(scopes[0])]).format(
                title=initiative.title
            )
        )
        return False
    return True


def _rule_advanced_worker(check, nominee):
    """Lao động tiên tiến: rated "completed duties well" or better in the year (Law 06/2022 art. 24)."""
    _check_rating(check, nominee, DutyRatingLevel.GOOD)


def _rule_grassroots_fighter(check, nominee):
    """Lao động tiên tiến in the year, and excellent completion of duties that year or a free initiative."""
    year = nominee.year
    advanced = person_years(nominee.person, catalogue.ADVANCED_WORKER, include_pending_year=year)
    if year in advanced:
        check.note(_("Lao động tiên tiến in {year}.").format(year=year))
    else:
        check.fail(_("Lao động tiên tiến in {year} is required; it is not recorded or proposed.").format(year=year))
    found = ratings_for_person(nominee.person, [year]).get(year)
    if found == DutyRatingLevel.EXCELLENT:
        check.note(str(RATED_IN[found]).format(years=year))
        if nominee.initiative_id:  # not needed, but an initiative named here must not be used twice
            _check_initiative(check, nominee)
    elif nominee.initiative_id:
        _check_initiative(check, nominee)
    elif found is None:
        check.fail(
            " ".join(
                [
                    _("Excellent completion of duties or a recognised initiative is required."),
                    _("No rating of duty completion is recorded for {year}.").format(year=year),
                ]
            )
        )
    else:
        check.fail(
            " ".join(
                [
                    str(RATED_IN[found]).format(years=year),
                    _("Excellent completion of duties or a recognised initiative is required."),
                ]
            )
        )


def _rule_provincial_fighter(check, nominee):
    years = person_years(nominee.person, catalogue.GRASSROOTS_FIGHTER)
    needed = whole_parameter(kind=ParameterKind.PROVINCIAL_FIGHTER_YEARS, on=_on(nominee.year))
    _check_consecutive(check, years, nominee.year, needed, catalogue.GRASSROOTS_FIGHTER)
    if nominee.initiative_id is None:
        check.fail(_("An initiative with province-wide effect is required."))
    elif _check_initiative(check, nominee, scopes=[InitiativeScope.PROVINCIAL, InitiativeScope.NATIONAL]):
        check.note(_("Initiative with province-wide effect: “{title}”.").format(title=nominee.initiative.title))


def _rule_national_fighter(check, nominee):
    """Two consecutive conferrals of Chiến sĩ thi đua cấp tỉnh, proposed in the year right after the second."""
    years = sorted(person_years(nominee.person, catalogue.PROVINCIAL_FIGHTER))
    years = [found for found in years if found < nominee.year]
    cycle = whole_parameter(kind=ParameterKind.PROVINCIAL_FIGHTER_YEARS, on=_on(nominee.year))
    if len(years) >= 2 and years[-1] - years[-2] <= cycle:
        earlier, later = years[-2], years[-1]
        if nominee.year == later + 1:
            check.note(
                _(
                    "Chiến sĩ thi đua cấp tỉnh twice in a row ({earlier}, {later}), "
                    "proposed in {year}, the year right after the second conferral."
                ).format(earlier=earlier, later=later, year=nominee.year)
            )
        else:
            check.fail(
                _(
                    "Chiến sĩ thi đua toàn quốc is proposed in the year right after the second conferral of "
                    "Chiến sĩ thi đua cấp tỉnh ({earlier}, {later}), that is in {expected}; "
                    "this proposal is for {year}."
                ).format(earlier=earlier, later=later, expected=later + 1, year=nominee.year)
            )
    else:
        check.fail(
            _("Chiến sĩ thi đua cấp tỉnh twice in a row is required; found {years}.").format(years=_years_text(years))
            if years
            else _("Chiến sĩ thi đua cấp tỉnh twice in a row is required; none found.")
        )
    if nominee.initiative_id is None:
        check.fail(_("An initiative with nationwide effect is required."))
    else:
        _check_initiative(check, nominee, scopes=[InitiativeScope.NATIONAL])


def _rule_excellent_collective(check, nominee):
    """Law 06/2022 art. 27: rated excellent, every member completed duties, >=70% LĐTT, a CSTĐCS, no discipline."""
    _check_rating(check, nominee, DutyRatingLevel.EXCELLENT)
    _check_members_rated(check, nominee)
    _check_member_share(check, nominee, kind=ParameterKind.EXCELLENT_COLLECTIVE_SHARE)
    fighters = (
        AwardRecord.objects.counting()
        .filter(person__unit=nominee.unit, year=nominee.year, award__code=catalogue.GRASSROOTS_FIGHTER)
        .count()
    )
    if fighters:
        check.note(
            _("{count} members were Chiến sĩ thi đua cơ sở in {year}.").format(count=fighters, year=nominee.year)
        )
    else:
        check.fail(_("At least one member must be Chiến sĩ thi đua cơ sở in {year}.").format(year=nominee.year))
    _check_discipline(check, nominee)


def _rule_advanced_collective(check, nominee):
    """Law 06/2022 art. 28: rated "completed duties well" or better, >50% LĐTT, no discipline."""
    _check_rating(check, nominee, DutyRatingLevel.GOOD)
    _check_member_share(check, nominee, kind=ParameterKind.ADVANCED_COLLECTIVE_SHARE)
    _check_discipline(check, nominee)


def free_initiatives(nominee):
    """The nominee's person's initiatives of the proposal year and the year before not yet used by any award.

    An initiative is used when an award record names it (its own initiative or one of those a
    route consumed) or another nomination still under way names it.
    """
    year = nominee.year
    span = whole_parameter(kind=ParameterKind.CHAIRMAN_CERTIFICATE_YEARS, on=_on(year))
    taken_by_nominees = (
        Nominee.objects.filter(initiative__isnull=False).exclude(pk=nominee.pk).exclude(outcome=Outcome.REJECTED)
    )
    return (
        Initiative.objects.filter(
            person=nominee.person, recognised_on__year__gte=year - span + 1, recognised_on__year__lte=year
        )
        .filter(record__isnull=True)
        .filter(Q(used_by__isnull=True) | Q(used_by__nominee_id=nominee.pk))
        .exclude(pk__in=taken_by_nominees.values("initiative_id"))
        .order_by("recognised_on", "pk")
    )


def chairman_route_needs_initiatives(nominee):
    """True when the chairman's Bằng khen rests on the initiatives route (no run of Chiến sĩ thi đua cơ sở)."""
    needed = whole_parameter(kind=ParameterKind.CHAIRMAN_CERTIFICATE_YEARS, on=_on(nominee.year))
    return best_run(person_years(nominee.person, catalogue.GRASSROOTS_FIGHTER), nominee.year) < needed


def _rule_chairman_certificate_individual(check, nominee):
    years = person_years(nominee.person, catalogue.GRASSROOTS_FIGHTER)
    on = _on(nominee.year)
    needed_years = whole_parameter(kind=ParameterKind.CHAIRMAN_CERTIFICATE_YEARS, on=on)
    needed_initiatives = whole_parameter(kind=ParameterKind.CHAIRMAN_CERTIFICATE_INITIATIVES, on=on)
    if best_run(years, nominee.year) >= needed_years:
        _check_consecutive(check, years, nominee.year, needed_years, catalogue.GRASSROOTS_FIGHTER)
        return
    initiatives = free_initiatives(nominee).count()
    ratings = ratings_for_person(nominee.person)
    excellent, excellent_text = _rated_years(ratings, DutyRatingLevel.EXCELLENT, nominee.year)
    if best_run(set(excellent), nominee.year) >= needed_years and initiatives >= needed_initiatives:
        check.note(
            " ".join(
                [
                    excellent_text,
                    _("{count} initiatives not yet used for another award.").format(count=initiatives),
                ]
            )
        )
        return
    _check_consecutive(check, years, nominee.year, needed_years, catalogue.GRASSROOTS_FIGHTER)
    nor = _(
        "Nor are there {years} years of excellent completion with {needed} initiatives not yet used "
        "for another award ({count} found)."
    ).format(years=needed_years, needed=needed_initiatives, count=initiatives)
    check.note(" ".join(filter(None, [nor, excellent_text])))


def _rule_chairman_certificate_collective(check, nominee):
    """2 consecutive years rated excellent (following mergers), or 2 consecutive years of Tập thể lao động xuất sắc."""
    needed = whole_parameter(kind=ParameterKind.CHAIRMAN_CERTIFICATE_YEARS, on=_on(nominee.year))
    excellent, excellent_text = _rated_years(ratings_for_unit(nominee.unit), DutyRatingLevel.EXCELLENT, nominee.year)
    run = best_run(set(excellent), nominee.year)
    if run >= needed:
        check.note(
            " ".join(
                [_("{count} consecutive years of excellent completion of duties.").format(count=run), excellent_text]
            )
        )
        return
    years = unit_years(nominee.unit, catalogue.EXCELLENT_COLLECTIVE)
    if _check_consecutive(check, years, nominee.year, needed, catalogue.EXCELLENT_COLLECTIVE):
        return
    nor = _("Nor are there {years} consecutive years of excellent completion of duties.").format(years=needed)
    check.note(" ".join(filter(None, [nor, excellent_text])))


def _rule_provincial_flag(check, nominee):
    from clusters.models import Nomination, NominationKind

    nomination = (
        Nomination.objects.filter(
            kind=NominationKind.FLAG, term__year=nominee.year, unit_id__in=lineage_ids(nominee.unit)
        )
        .select_related("term__cluster")
        .first()
    )
    if nomination is None:
        check.fail(
            _(
                "Only the leading unit of a cluster or bloc of the province may receive the flag; "
                "no cluster named this unit leading unit for {year}."
            ).format(year=nominee.year)
        )
    else:
        check.note(_("Leading unit of {cluster} in {year}.").format(cluster=nomination.term.cluster, year=nominee.year))


RULES = {
    EligibilityRule.ADVANCED_WORKER: _rule_advanced_worker,
    EligibilityRule.GRASSROOTS_FIGHTER: _rule_grassroots_fighter,
    EligibilityRule.PROVINCIAL_FIGHTER: _rule_provincial_fighter,
    EligibilityRule.NATIONAL_FIGHTER: _rule_national_fighter,
    EligibilityRule.EXCELLENT_COLLECTIVE: _rule_excellent_collective,
    EligibilityRule.ADVANCED_COLLECTIVE: _rule_advanced_collective,
    EligibilityRule.CHAIRMAN_CERTIFICATE_INDIVIDUAL: _rule_chairman_certificate_individual,
    EligibilityRule.CHAIRMAN_CERTIFICATE_COLLECTIVE: _rule_chairman_certificate_collective,
    EligibilityRule.PROVINCIAL_FLAG: _rule_provincial_flag,
}


def check_nominee(*, nominee):
    """Check one nominee against its award's rule (regular merit) or its commendation type's criteria
    (`types.check_type`) and the history. Reads only; returns a Check."""
    check = Check()
    award = nominee.award
    proposal = nominee.proposal
    if not award.allows(proposal.commendation_type):
        check.fail(str(NOT_FOR_COMMENDATION_TYPE[CommendationType(proposal.commendation_type)]).format(award=award))
    wants_unit = award.recipient_kind == RecipientKind.COLLECTIVE
    if wants_unit and nominee.unit_id is None:
        check.fail(_("{award} is for collectives; the nominee is a person.").format(award=award))
        return check
    if not wants_unit and nominee.person_id is None:
        check.fail(_("{award} is for individuals; the nominee is a unit.").format(award=award))
        return check
    _check_holds(check, nominee)
    # A type other than regular merit is judged by its own criteria (awards.domain.types), never by the
    # award's regular-merit rule, and is not a second conferral of a regular title of that year.
    if check_type(check, nominee):
        return check
    _check_not_conferred(check, nominee)
    rule = RULES.get(award.rule)
    if rule is None:
        if nominee.initiative_id:
            _check_initiative(check, nominee)
        if not check.reasons:
            check.note(_("No condition on past awards."))
    else:
        rule(check, nominee)
    return check


def refresh_eligibility(*, nominees):
    """Recompute and store the eligibility of `nominees`.

    Side effects: writes eligibility_status and eligibility_explanation of each nominee
    (audited), in one transaction. Explanations are stored in the portal's language.
    """
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for nominee in nominees:
            check = check_nominee(nominee=nominee)
            if (nominee.eligibility_status, nominee.eligibility_explanation) != (check.status, check.explanation):
                nominee.eligibility_status = check.status
                nominee.eligibility_explanation = check.explanation
                nominee.save(update_fields=["eligibility_status", "eligibility_explanation", "search_text"])
