"""Audit history: which models are recorded, and how their changes are shown to officers.

django-auditlog writes a LogEntry (actor, time, before/after per field) on every save and
delete of a registered model. `history_for` turns those entries into rows with field labels
and related objects' names, in a fixed number of queries whatever the history's length.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .dates import is_year_field
from .numbers import format_number

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("viewed"),
}
HISTORY_LIMIT = 50

# Who may read audit history is a role decision: `directory.rules` grants this permission
# (`can_view_history`); portal only asks for it, by name.
HISTORY_PERMISSION = "portal.view_history"


NOT_AUDITED = ("id", "search_text", "updated_at", "created_at")

_reason = ContextVar("audit_reason", default="")
_import = ContextVar("audit_import", default=None)


@contextmanager
def because(reason):
    """Record `reason` with every audit entry written inside this block (shown in the history).

    Domain functions that need a reason (an officer's change to a running term, a reopening) wrap
    their writes: `with because(reason): ...`.
    """
    token = _reason.set((reason or "").strip())
    try:
        yield
    finally:
        _reason.reset(token)


@contextmanager
def during_import(record_pk):
    """Tag every audit entry written inside this block with the import (`ImportRecord`) it belongs to."""
    token = _import.set(record_pk)
    try:
        yield
    finally:
        _import.reset(token)


def _context_data():
    """What the current block adds to an entry's `additional_data`: the reason, the import."""
    data = {}
    if reason := _reason.get():
        data["reason"] = reason
    if (record_pk := _import.get()) is not None:
        data["import"] = record_pk
    return data


def _attach_reason(sender, instance, **kwargs):
    """pre_save receiver of LogEntry: stores the current reason (and import) in `additional_data`."""
    data = _context_data()
    if data and instance.pk is None:
        instance.additional_data = {**(instance.additional_data or {}), **data}
        if "import" in data:
            instance.cid = import_cid(data["import"])


def connect_reasons():
    from django.db.models.signals import pre_save

    pre_save.connect(_attach_reason, sender=LogEntry, dispatch_uid="portal.audit.reason")


# model -> the names of its foreign keys to the records whose history lists its rows (`parents=`).
PARENTS = {}


def _parent_keys(instance):
    """`additional_data` of an entry about `instance`: the pks of its parents, so that the parent's
    history still finds the entry once the row itself is deleted."""
    names = PARENTS.get(type(instance), ())
    parents = {name: str(getattr(instance, f"{name}_id")) for name in names if getattr(instance, f"{name}_id", None)}
    return {"parents": parents} if parents else None


def register(*model_classes, exclude_fields=(), m2m_fields=(), parents=()):
    """Record every change of these models' own columns, and of the named many-to-many fields
    (additions and removals), in the audit history.

    `parents` names the foreign keys to the records whose history shows these rows (a nominee's
    `proposal`): each entry keeps the parent's pk, so a row withdrawn or deleted since still
    appears in the parent's history (`history_for(parent, children=[...])`).
    """
    for model_class in model_classes:
        skipped = set(NOT_AUDITED) | set(exclude_fields)
        columns = [field.name for field in model_class._meta.concrete_fields if field.name not in skipped]
        if parents:
            PARENTS[model_class] = tuple(parents)
            model_class.get_additional_data = _parent_keys
        auditlog.register(model_class, include_fields=columns, m2m_fields=set(m2m_fields))


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class HistoryRow:
    timestamp: datetime
    actor: object
    action: str
    changes: list = field(default_factory=list)
    reason: str = ""
    subject: str = ""  # for a child row's entry (a score of a sheet): which row changed


def _local_datetime(raw):
    """A stored datetime ("2026-12-01 19:42:32.084050", UTC when naive) as local dd/mm/yyyy HH:mm."""
    text = str(raw).strip().replace("T", " ", 1)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return str(raw)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _number(raw):
    try:
        return format_number(Decimal(str(raw)))
    except (InvalidOperation, ValueError):
        return str(raw)


def display_value(model_field, raw, related_names=None):
    """A value as an audit entry stored it (text), the way people read it: choices by label,
    yes/no, related rows by name, local date-times and dates dd/mm/yyyy, numbers grouped
    (`portal.numbers.format_number`) except years."""
    if raw in (None, "None", ""):
        return "—"
    if model_field is None:
        return str(raw)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(raw, raw))
    if isinstance(model_field, models.BooleanField):
        return str(_("yes")) if raw in (True, "True", "true") else str(_("no"))
    if model_field.is_relation and model_field.many_to_one:
        return (related_names or {}).get((model_field.related_model, str(raw)), str(raw))
    if isinstance(model_field, models.DateTimeField):
        return _local_datetime(raw)
    if isinstance(model_field, models.DateField):
        try:
            return date_format(date.fromisoformat(str(raw)[:10]), "SHORT_DATE_FORMAT")
        except ValueError:
            return str(raw)
    if is_year_field(model_field):
        return str(raw)  # a year as written: 2023, never 2.023
    if isinstance(model_field, models.DecimalField | models.FloatField | models.IntegerField):
        return _number(raw)
    return str(raw)


_display = display_value


def _m2m_change(model_field, values):
    names = ", ".join(values.get("objects", []))
    added = values.get("operation") == "add"
    return FieldChange(
        label=str(model_field.verbose_name),
        before="—" if added else names,
        after=names if added else "—",
    )


def _fields_of(model):
    return {f.name: f for f in model._meta.get_fields() if hasattr(f, "attname")}


def history_for(obj, limit=HISTORY_LIMIT, *, children=()):
    """The latest changes of `obj`, newest first, ready for display.

    `children` are querysets of rows that belong to `obj` (a sheet's scores, a proposal's nominees):
    their entries are merged in, each row naming the child it concerns (`subject`). Rows deleted
    since are listed too when their model is registered with `parents=` naming the foreign key to
    `obj` (their entries keep the parent's pk). One query per queryset, whatever the history's length.
    """
    entries = list(
        LogEntry.objects.get_for_object(obj).select_related("actor", "content_type").order_by("-timestamp")[:limit]
    )
    for queryset in children:
        entries += list(
            _child_entries(obj, queryset).select_related("actor", "content_type").order_by("-timestamp")[:limit]
        )
    entries.sort(key=lambda entry: (entry.timestamp, entry.pk), reverse=True)
    return history_rows(entries[:limit], obj=obj)


def history_rows(entries, *, obj=None):
    """Audit entries (with `actor` and `content_type` selected) as HistoryRows: field labels, values
    formatted for people, related rows by name (one query per related model). An entry about
    another row than `obj` names it (`subject`)."""
    fields = {}
    own_type = type(obj) if obj is not None else None

    def fields_by_name(entry):
        model = entry.content_type.model_class() if entry.content_type_id else own_type
        if model not in fields:
            fields[model] = _fields_of(model) if model is not None else {}
        return fields[model]

    # Resolve every foreign key mentioned anywhere in the history with one query per target model.
    wanted = {}
    for entry in entries:
        by_name = fields_by_name(entry)
        for name, values in (entry.changes_dict or {}).items():
            model_field = by_name.get(name)
            if isinstance(values, dict):
                continue  # many-to-many entries carry the related objects' names already
            if model_field is not None and model_field.is_relation and model_field.many_to_one:
                for raw in values:
                    if raw not in (None, "None", ""):
                        wanted.setdefault(model_field.related_model, set()).add(str(raw))
    related_names = {}
    for related_model, pks in wanted.items():
        valid_pks = [pk for pk in pks if pk.isdigit()]
        for pk, related in related_model._default_manager.in_bulk(valid_pks).items():
            related_names[(related_model, str(pk))] = str(related)

    rows = []
    for entry in entries:
        by_name = fields_by_name(entry)
        row = HistoryRow(
            timestamp=entry.timestamp,
            actor=entry.actor,
            action=ACTION_LABELS.get(entry.action, ""),
            reason=(entry.additional_data or {}).get("reason", "") if isinstance(entry.additional_data, dict) else "",
        )
        model = entry.content_type.model_class() if entry.content_type_id else own_type
        if obj is None or model is not own_type or str(entry.object_pk) != str(obj.pk):
            row.subject = entry.object_repr
        for name, values in (entry.changes_dict or {}).items():
            model_field = by_name.get(name)
            if model_field is not None and isinstance(values, dict) and values.get("type") == "m2m":
                row.changes.append(_m2m_change(model_field, values))
                continue
            if model_field is None or not model_field.concrete:
                continue  # a field removed since, or a relation recorded by an older entry
            before, after = (list(values) + [None, None])[:2]
            if before in (None, "None", "") and after in (None, "None", ""):
                continue  # an empty field on creation says nothing
            row.changes.append(
                FieldChange(
                    label=str(model_field.verbose_name),
                    before=_display(model_field, before, related_names),
                    after=_display(model_field, after, related_names),
                )
            )
        rows.append(row)
    return rows


def _child_entries(obj, queryset):
    """The entries of the rows of `queryset` and of those deleted since (found by their DELETE entry,
    which keeps the parent's pk; deletions are few, so the lookup stays cheap). One query."""
    from django.contrib.contenttypes.models import ContentType

    model = queryset.model
    content_type = ContentType.objects.get_for_model(model)
    condition = Q(object_id__in=queryset.order_by().values("pk"))
    for name in PARENTS.get(model, ()):
        if model._meta.get_field(name).related_model is type(obj):
            deleted = LogEntry.objects.filter(
                content_type=content_type,
                action=LogEntry.Action.DELETE,
                **{f"additional_data__parents__{name}": str(obj.pk)},
            ).values("object_id")
            condition |= Q(object_id__in=deleted)
    return LogEntry.objects.filter(condition, content_type=content_type)


def import_cid(record_pk):
    """The correlation id (an indexed column) of every audit entry an import writes."""
    return f"import-{record_pk}"


def import_entries(record_pk):
    """The audit entries written by one import (`portal.models.ImportRecord`), oldest first."""
    return (
        LogEntry.objects.filter(cid=import_cid(record_pk))
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    )


def history_visible_to(user, obj, *, children=()):
    """The history of `obj` (and of its `children` querysets) for a detail page, or None when `user`
    may not read audit history.

    The one way a view shows history: class views use `portal.mixins.HistoryMixin` (with
    `history_children(obj)`), function views put `history_visible_to(request.user, obj)` in the
    context as `history`.
    """
    return history_for(obj, children=children) if user.has_perm(HISTORY_PERMISSION) else None


def _created_changes(instance, fields, get_field_value):
    """{column: ["None", value as text]} of a new row's filled columns, as auditlog writes them
    (its own reading only where it converts: date-times to UTC, JSON)."""
    changes = {}
    for model_field in fields:
        if isinstance(model_field, models.DateTimeField | models.JSONField):
            value = get_field_value(instance, model_field)
        else:
            value = getattr(instance, model_field.attname)
        if value is not None and value != "None":
            changes[model_field.name] = ["None", str(value)]
    return changes


def log_created(objects, *, actor=None):
    """One CREATE audit entry per row just bulk-inserted (`bulk_create` writes none), with the
    row's values as its changes, `actor` as who, and the current reason and import; written with
    one bulk insert. Rows need their pk (PostgreSQL and SQLite return it). Returns the count."""
    from auditlog.diff import get_field_value, get_fields_in_model
    from django.contrib.contenttypes.models import ContentType

    objects = [instance for instance in objects if instance.pk is not None]
    if not objects or not auditlog.contains(type(objects[0])):
        return 0
    model = type(objects[0])
    included = set(auditlog.get_model_fields(model)["include_fields"])
    # What auditlog's own diff of a new row holds (every audited column, "None" before), computed
    # with the field list read once instead of once per row.
    audited = [f for f in get_fields_in_model(objects[0]) if f.name in included and f.name not in NOT_AUDITED]
    content_type = ContentType.objects.get_for_model(model)
    context = _context_data()
    now = timezone.now()
    entries = []
    for instance in objects:
        additional = {**(_parent_keys(instance) or {}), **context}
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(instance.pk),
                object_id=instance.pk,
                object_repr=str(instance),
                action=LogEntry.Action.CREATE,
                changes=_created_changes(instance, audited, get_field_value),
                actor=actor if getattr(actor, "pk", None) else None,
                actor_email=getattr(actor, "email", None) or None,
                additional_data=additional or None,
                cid=import_cid(context["import"]) if "import" in context else None,
                timestamp=now,
            )
        )
    LogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def acting_as(user):
    """Attribute the audit entries written inside this block to `user` (outside a request)."""
    from auditlog.context import set_actor

    return set_actor(user)
