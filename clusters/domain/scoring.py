"""Self-assessment sheets: computing points, saving drafts, submitting, and the lead's review.

Every write to a sheet checks the version the writer read (a conditional UPDATE), so two people
editing the same sheet never silently overwrite each other.
"""

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit import because
from portal.numbers import NumberError, bounds_of, format_number, parse_number
from portal.uploads import UploadRejected, check_upload

from ..enums import ClusterKind, CriterionKind, PhaseKind, SheetStatus
from ..models import Criterion, Score, Sheet
from ..rules import is_term_lead, reviews_sheet
from . import notices
from .errors import ClustersError, SheetConflict
from .phases import require_phase
from .workflow import NOT_EDITABLE, NOT_REVIEWABLE, SHEETS

CENT = Decimal("0.01")


class ScoreErrors(ClustersError):
    """Some entries were refused; `errors` maps a criterion id to its message."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(_("Nothing was saved: correct the highlighted criteria."))


@dataclass
class Entry:
    value: Decimal | None = None
    comment: str = ""
    evidence: object = None


def _stored(value, column):
    """`value` as the Score column `column` will store it (rounded to hundredths), or NumberError.

    Rounding here means what is checked is what is saved; a value the column cannot hold is refused.
    """
    return parse_number(value, **bounds_of(Score._meta.get_field(column)))


def check_value(criterion, value):
    """The Vietnamese reason `value` is refused for this criterion, or None when it is acceptable."""
    if value is None:
        return None
    if value < 0:
        return _("The value cannot be negative.")
    if criterion.kind == CriterionKind.QUALITATIVE and value not in (0, 1):
        return _("Choose passed or not passed.")
    if criterion.kind in (CriterionKind.BONUS, CriterionKind.DEDUCTION) and value > criterion.max_points:
        return _("The points must be between 0 and {limit}.").format(limit=_number(criterion.max_points))
    return None


def compute_points(criterion, value):
    """Points earned for `value` (negative for deductions), rounded to hundredths.

    Quantitative: under target earns target_share x maximum pro rata; reaching it earns exactly that
    share; over-achievement earns more, linearly, up to the maximum at `full_at_ratio` x target.
    """
    if value is None:
        return Decimal(0)
    value, maximum = Decimal(value), Decimal(criterion.max_points)
    if criterion.kind == CriterionKind.QUANTITATIVE:
        ratio = value / Decimal(criterion.target)
        at_target = maximum * Decimal(criterion.target_share)
        full_at = Decimal(criterion.full_at_ratio)
        if ratio <= 1:
            points = at_target * ratio
        elif ratio >= full_at:
            points = maximum
        else:
            points = at_target + (maximum - at_target) * (ratio - 1) / (full_at - 1)
    elif criterion.kind == CriterionKind.QUALITATIVE:
        points = maximum if value >= 1 else Decimal(0)
    elif criterion.kind == CriterionKind.PER_COUNT:
        points = min(value * Decimal(criterion.points_per_count), maximum)
    elif criterion.kind == CriterionKind.DEDUCTION:
        points = -min(value, maximum)
    else:
        points = min(value, maximum)
    return Decimal(points).quantize(CENT, rounding=ROUND_HALF_UP)


def _number(value):
    return format_number(value)


def _claim(*, sheet, version, statuses, refusal):
    """Bump the sheet's version if it is still at `version` and in `statuses`, else explain why not.

    `refusal(status)` is the whole sentence for a sheet that has meanwhile left `statuses`.
    """
    claimed = Sheet.objects.filter(pk=sheet.pk, version=version, status__in=statuses).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if claimed:
        sheet.refresh_from_db()
        return
    sheet.refresh_from_db()
    if sheet.status not in statuses:
        raise ClustersError(refusal(sheet.status))
    # The scores are read after the version, so they are at least as new as the version a conflict
    # page offers with them: its next save can only conflict again, never overwrite a save it did not show.
    scores = {score.criterion_id: score for score in Score.objects.filter(sheet=sheet)}
    raise SheetConflict(
        _(
            "Someone else saved this sheet while you were editing it (version {theirs}, you opened version "
            "{yours}). Nothing was saved: the values they saved are shown beside yours."
        ).format(theirs=sheet.version, yours=version),
        version=sheet.version,
        scores=scores,
    )


# ---------------------------------------------------------------------------------------------
# Stale saves: the page shows the other person's values beside the user's and saves nothing until
# the user chooses, field by field.
#
# A field is keyed (criterion id, name): "value" and "comment" on the member's sheet, "points" on the
# review (its reason goes with it), "evidence" (the stored file's name, never chosen: a file posted
# with a stale save is not kept and must be chosen again). Pages send back, beside each input, the
# value they loaded ("loaded"), so only what the user changed counts as theirs to keep ("mine"); a
# field whose loaded value was not sent counts as changed.
# ---------------------------------------------------------------------------------------------
NUMBER_FIELDS = frozenset({"value", "points"})
MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class Difference:
    """A field the user typed (`mine`) that differs from what someone else saved (`theirs`)."""

    criterion_id: int
    field: str
    mine: object
    theirs: object

    @property
    def name(self):
        """The field's form name, e.g. "value-12"."""
        return f"{self.field}-{self.criterion_id}"


class Unresolved(ClustersError):
    """A conflict page was saved without a choice for some fields; `differences` lists the fields to ask again."""

    def __init__(self, differences):
        self.differences = differences
        super().__init__(
            _("Nothing was saved: for each field shown beside someone else's value, choose yours or theirs.")
        )


def _empty(field):
    return None if field in NUMBER_FIELDS else ""


def _same(field, first, second):
    if field in NUMBER_FIELDS:
        return first == second
    # Browsers send a textarea's line breaks as CRLF whatever was stored.
    return (first or "").replace("\r\n", "\n") == (second or "").replace("\r\n", "\n")


def evidence_name(score):
    """The name a page compares to tell whether the stored evidence file changed ("" for none)."""
    return score.evidence.name.rsplit("/", 1)[-1] if score is not None and score.evidence else ""


def stored_fields(scores):
    """{(criterion id, field): stored value} of Score rows ({criterion id: Score}); absent rows are empty."""
    fields = {}
    for criterion_id, score in scores.items():
        fields[criterion_id, "value"] = score.value
        fields[criterion_id, "comment"] = score.comment
        fields[criterion_id, "points"] = score.points
        fields[criterion_id, "evidence"] = evidence_name(score)
    return fields


def changed_fields(*, loaded, posted):
    """The keys of `posted` the user changed: those differing from `loaded`, or whose loaded value is unknown."""
    return {key for key, mine in posted.items() if key not in loaded or not _same(key[1], mine, loaded[key])}


def their_changes(*, stored, loaded):
    """The keys someone else changed since the page loaded them (`stored` differs from `loaded`)."""
    return {key for key, was in loaded.items() if not _same(key[1], stored.get(key, _empty(key[1])), was)}


def conflicts(*, stored, loaded, posted):
    """The fields a stale save cannot merge: the user changed them, and what is stored now differs.

    `stored` is `stored_fields(SheetConflict.scores)`, `loaded` what the page loaded, `posted` what it
    sent, each {(criterion id, field): value}. A field only the user changed, one only someone else
    changed, and one both set alike merge without asking; each returned Difference needs a choice.
    """
    found = []
    for key, mine in posted.items():
        criterion_id, field = key
        theirs = stored.get(key, _empty(field))
        if key in loaded and _same(field, mine, loaded[key]):
            continue  # the user did not change it: what is stored stands
        if _same(field, mine, theirs):
            continue
        if key in loaded and _same(field, theirs, loaded[key]):
            continue  # nobody else changed it: the user's value stands
        found.append(Difference(criterion_id, field, mine, theirs))
    return sorted(found, key=lambda difference: (difference.criterion_id, difference.field))


def choose(*, posted, loaded, pending, choices):
    """`posted` with the user's choice applied to each field the conflict page asked about.

    `pending` lists the asked keys, `choices` maps a key to MINE or THEIRS. THEIRS puts back the value
    the page showed as theirs, which is the value it loaded: the field then counts as unchanged, so
    if someone saved it again meanwhile, the newer value stays. A field left without a choice (and
    still differing) raises Unresolved with every asked field that still differs, decided or not,
    for the page to ask again; nothing is written. No side effects.
    """
    chosen, differing, undecided = dict(posted), [], False
    for key in pending:
        if key not in posted:
            continue
        field = key[1]
        theirs = loaded.get(key, _empty(field))
        if _same(field, posted[key], theirs):
            continue
        differing.append(Difference(key[0], field, posted[key], theirs))
        choice = choices.get(key)
        if choice == THEIRS:
            chosen[key] = theirs
        elif choice != MINE:
            undecided = True
    if undecided:
        raise Unresolved(differing)
    return chosen


# A sheet returned for correction can be corrected while the lead still reviews (the return is part
# of the review); a draft only during self-assessment.
CORRECTION_PHASES = (PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW)


def open_for_member(*, sheet):
    """The member may save and submit `sheet` now: a draft during self-assessment, a returned sheet
    during self-assessment or the review, never once the results are locked."""
    term = sheet.term
    if term.is_locked or sheet.status not in SheetStatus.editable_by_member():
        return False
    phases = CORRECTION_PHASES if sheet.status == SheetStatus.RETURNED else (PhaseKind.SELF_ASSESSMENT,)
    return term.active_phase_kind in phases


def save_sheet(*, sheet, version, entries, by, submit=False):
    """Save the member's values, comments and evidence; with `submit`, hand the sheet to the lead.

    `entries` maps criterion id -> Entry; a value may be a number or text as typed, read by
    `portal.numbers.parse_number` within the bounds of Score.value. Side effects: bumps
    Sheet.version, creates or updates Score rows (audited), and on submit sets status and
    submitted_at (audited). Raises ClustersError (locked sheet, wrong phase, stale version) or
    ScoreErrors (values unreadable or out of range, missing evidence) and then writes nothing.
    """
    if sheet.status not in SheetStatus.editable_by_member():
        raise ClustersError(NOT_EDITABLE)
    if not open_for_member(sheet=sheet):
        require_phase(term=sheet.term, kind=PhaseKind.SELF_ASSESSMENT)
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(group__term_id=sheet.term_id)}
    existing = {score.criterion_id: score for score in Score.objects.filter(sheet=sheet)}
    errors, checked = {}, {}
    for criterion_id, entry in entries.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ClustersError(_("A criterion of another term was sent; reload the sheet."))
        try:
            entry = checked[criterion_id] = replace(entry, value=_stored(entry.value, "value"))
        except NumberError as error:
            errors[criterion_id] = error.message
            continue
        problem = check_value(criterion, entry.value)
        if problem:
            errors[criterion_id] = problem
        elif entry.evidence:
            try:
                check_upload(entry.evidence)
            except UploadRejected as rejected:
                errors[criterion_id] = str(rejected)
    if submit:
        for criterion in criteria.values():
            entry = entries.get(criterion.pk) or Entry()
            score = existing.get(criterion.pk)
            value = entry.value if criterion.pk in entries else (score.value if score else None)
            if value is None and criterion.pk not in errors:
                errors[criterion.pk] = _("Enter a value before submitting.")
            has_evidence = entry.evidence or (score is not None and score.evidence)
            if criterion.requires_evidence and not has_evidence and criterion.pk not in errors:
                errors[criterion.pk] = _("This criterion requires an evidence file.")
    if errors:
        raise ScoreErrors(errors)
    with transaction.atomic():
        _claim(
            sheet=sheet,
            version=version,
            statuses=SheetStatus.editable_by_member(),
            refusal=lambda _status: NOT_EDITABLE,
        )
        for criterion_id, entry in checked.items():
            criterion = criteria[criterion_id]
            score = existing.get(criterion_id) or Score(sheet=sheet, criterion=criterion)
            score.value = entry.value
            score.self_points = score.points = compute_points(criterion, entry.value)
            score.comment = entry.comment
            score.adjustment_reason = ""
            if entry.evidence:
                score.evidence = entry.evidence
            score.save()
        if submit:
            SHEETS.check(sheet.status, SheetStatus.SUBMITTED)
            sheet.status = SheetStatus.SUBMITTED
            sheet.submitted_at = timezone.now()
            sheet.save(update_fields=["status", "submitted_at", "updated_at"])
            notices.sheet_submitted(sheet=sheet)  # its reviewer, after commit
    return sheet


REVIEW_PHASES = (PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW)


# A lead never reviews its own unit's sheet (clusters.rules.sheet_reviewer): one sentence per kind.
OWN_SHEET_REFUSALS = {
    ClusterKind.CLUSTER: gettext_lazy(
        "The cluster lead does not review its own unit's sheet: the cluster deputy reviews it, or the provincial "
        "office when there is no deputy."
    ),
    ClusterKind.BLOC: gettext_lazy(
        "The bloc lead does not review its own unit's sheet: the bloc deputy reviews it, or the provincial office "
        "when there is no deputy."
    ),
}


def not_the_reviewer(*, sheet, user):
    """The sentence refusing `user` the review of `sheet`."""
    if user is not None and is_term_lead(user, sheet.term) and sheet.unit_id == sheet.term.lead_unit_id:
        return str(OWN_SHEET_REFUSALS.get(sheet.term.cluster.kind, OWN_SHEET_REFUSALS[ClusterKind.CLUSTER]))
    return _("You are not the reviewer of this sheet.")


def review_sheet(*, sheet, version, adjustments, by, action="save", return_reason=""):
    """The sheet's reviewer adjusts points (each change with a reason) and accepts or returns it.

    The reviewer is the lead, the deputy for the lead's own sheet, or the provincial office when the
    deputy is conflicted too or there is none (`clusters.rules.reviews_sheet`); anyone else, the lead
    on its own unit's sheet included, is refused. Every review action records `Sheet.reviewed_by`.

    `adjustments` maps criterion id -> (points, reason), points read like the member's values (within
    the bounds of Score.points); `action` is "save", "accept" or "return".
    Side effects: bumps Sheet.version, updates Score.points and adjustment_reason (audited, with the
    reason), sets the sheet's status and reviewed_by (audited). Refused (nothing written) for anyone
    but the sheet's reviewer, outside the self-assessment and review phases, for sheets not
    submitted, stale versions, and points out of range.
    """
    if by is None or not reviews_sheet(by, sheet):
        raise ClustersError(not_the_reviewer(sheet=sheet, user=by))
    if sheet.status not in SheetStatus.reviewable():
        raise ClustersError(NOT_REVIEWABLE[SheetStatus(sheet.status)])
    term = sheet.term
    if term.active_phase_kind not in REVIEW_PHASES or term.is_locked:
        require_phase(term=term, kind=PhaseKind.REVIEW)
    if action == "return" and not return_reason.strip():
        raise ClustersError(_("Say why the sheet is returned, so the member knows what to correct."))
    scores = {score.criterion_id: score for score in Score.objects.filter(sheet=sheet).select_related("criterion")}
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(group__term_id=term.pk)}
    errors, changes = {}, []
    for criterion_id, (points, reason) in adjustments.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ClustersError(_("A criterion of another term was sent; reload the sheet."))
        try:
            points = _stored(points, "points")
        except NumberError as error:
            errors[criterion_id] = error.message
            continue
        score = scores.get(criterion_id)
        current = score.points if score else Decimal(0)
        if points is None or points == current:
            continue
        low, high = criterion.points_range
        if not low <= points <= high:
            errors[criterion_id] = _("The points must be between {low} and {high}.").format(
                low=_number(low), high=_number(high)
            )
        elif not reason.strip():
            errors[criterion_id] = _("Give a reason for changing the points.")
        else:
            changes.append((criterion, score, points, reason.strip()))
    if errors:
        raise ScoreErrors(errors)
    with transaction.atomic():
        _claim(
            sheet=sheet,
            version=version,
            statuses=SheetStatus.reviewable(),
            refusal=lambda status: NOT_REVIEWABLE[SheetStatus(status)],
        )
        for criterion, score, points, reason in changes:
            score = score or Score(sheet=sheet, criterion=criterion)
            score.points = points
            score.adjustment_reason = reason
            with because(reason):  # the reason is shown with the change in the sheet's history
                score.save()
        if action in ("accept", "return"):
            target = SheetStatus.ACCEPTED if action == "accept" else SheetStatus.RETURNED
            SHEETS.check(sheet.status, target)
            sheet.status = target
            sheet.reviewed_at = timezone.now()
            sheet.return_reason = return_reason.strip() if action == "return" else ""
            sheet.reviewed_by = by
            sheet.save(update_fields=["status", "reviewed_at", "return_reason", "reviewed_by", "updated_at"])
            notices.sheet_reviewed(sheet=sheet, action=action)  # a returned sheet's member, after commit
        elif changes or sheet.reviewed_by_id != by.pk:
            sheet.reviewed_by = by
            sheet.save(update_fields=["reviewed_by", "updated_at"])
    return sheet
