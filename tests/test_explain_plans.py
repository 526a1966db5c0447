"""Every filter combination a list page offers is served by an index (issue 13, item 2), on PostgreSQL.

For every list page of the portal (each `portal.lists.FilteredListView` found in the URL
configuration, and the award-history lookup, a function view), the test walks EVERY combination of
the filters its FilterSet declares, each with a representative value (the search box included), for
an officer, a unit officer and a council member (`visible_to` differs). It builds the page's SQL as
the view does (`portal.lists.list_rows` and the view's ordering, then the capped count and the first
page of `PAGE_SIZE` rows, as `CappedPaginator` runs them; the lookup runs the view itself) and asks
PostgreSQL for `EXPLAIN (FORMAT JSON)` of each SELECT with `SET LOCAL enable_seqscan = off`: a table
of a handful of rows cannot hide a missing index, since the planner then reads a table by a Seq Scan
only when no index can serve the query. No large table may be read that way.

The walk is generic: a new filter on a FilterSet, or a new list page, is covered by itself. A filter
of a new type needs a representative value in `sample_values` (the test says so).
"""

import contextlib
import itertools
import json
from dataclasses import dataclass

import django_filters
import pytest
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from awards.models import AwardRecord, Nominee, Proposal
from directory.models import Person, Unit
from movements.models import Movement
from portal.lists import PAGE_SIZE, CappedPaginator, FilteredListView, list_rows
from tests.permissions import built_once_per_module

# The large tables: none of them may be read by a Seq Scan for any filter combination.
BIG_MODELS = (Proposal, Nominee, AwardRecord, Unit, Person, Movement)
BIG_TABLES = {model._meta.db_table for model in BIG_MODELS}
USERS = ("officer", "unit_officer", "council_member")
SEARCH = "nguyen van"  # two words: the search box ANDs one condition per word
YEAR = 2024
# Filters that keep most rows (nearly every unit is current; half the people are women): for them
# alone the right plan walks the list's ordering index and stops after a page, so a whole-index
# walk is allowed when no other filter is set. A Seq Scan never is.
BROAD = {
    ("UnitFilterSet", "status"): "current units are nearly all units",
    ("PersonFilterSet", "gender"): "two values, each about half the people",
    ("MovementFilterSet", "level"): "a handful of levels",
    ("MovementFilterSet", "kind"): "a handful of kinds",
    ("MovementFilterSet", "scope"): "a handful of scopes",
    ("MovementFilterSet", "state"): "under way is most movements",
    ("MovementFilterSet", "year"): "most movements run over several years",
}


def build(cast):
    """A handful of rows of each large table, enough for every filter's representative value."""
    if connection.vendor != "postgresql":
        return {}
    from directory.enums import UnitKind
    from portal.models import ImportKind, ImportRecord
    from tests.factories import UnitFactory
    from tests.factories.awards import AwardRecordFactory, NomineeFactory, ProposalFactory
    from tests.factories.clusters import ClusterFactory
    from tests.factories.directory import DutyRatingFactory, PersonFactory
    from tests.factories.movements import MovementFactory, RegistrationFactory, TargetFactory

    province = UnitFactory(name="Tỉnh Ninh Bình", kind=UnitKind.PROVINCE, code="EXPLAIN-NB")
    department = UnitFactory(name="Sở Y tế", parent=province)
    UnitFactory(name="Trạm Y tế xã Văn Phong", parent=department)
    person = PersonFactory(full_name="Nguyễn Văn An", unit=cast["member_unit"])
    PersonFactory(full_name="Phạm Văn Bình", unit=department)
    proposal = ProposalFactory(unit=cast["member_unit"], year=YEAR)
    NomineeFactory(proposal=proposal, person=person)
    ProposalFactory(unit=department, year=YEAR - 1, state="submitted")
    AwardRecordFactory(person=person, year=YEAR)
    movement = MovementFactory(lead_unit=department)
    TargetFactory(movement=movement)
    RegistrationFactory(movement=movement, unit=cast["member_unit"])
    DutyRatingFactory(person=person, year=YEAR)
    ClusterFactory()
    from directory.models import OfficeOrganisation  # issue 14: the office's lists (small tables)

    OfficeOrganisation.objects.create(name="Ban Thi đua - Khen thưởng", structure="provincial_board", unit=province)
    ImportRecord.objects.create(kind=ImportKind.choices[0][0], file_name="danh-sach.xlsx", by=cast["officer"])
    from awards.models import PublicNotice  # issue 16, public: the comment queue's dossier filter

    PublicNotice.objects.create(proposal=proposal, title=proposal.title, published_by=cast["officer"])
    return {}


shared_data = built_once_per_module(build)


# ---------------------------------------------------------------------------
# The lists: found in the URL configuration
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ListPage:
    name: str
    filterset_class: type
    view_class: type = None  # a FilteredListView: rows through list_rows
    function: object = None  # a function view (the award-history lookup): the view is run itself


def _patterns(patterns, prefix="", with_arguments=False):
    for pattern in patterns:
        arguments = (
            with_arguments
            or bool(getattr(pattern.pattern, "converters", None))
            or bool(getattr(getattr(pattern.pattern, "regex", None), "groupindex", None))
        )
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from _patterns(pattern.url_patterns, prefix + namespace, arguments)
        elif isinstance(pattern, URLPattern):
            yield prefix + (pattern.name or ""), pattern.callback, arguments


def list_pages():
    """Every FilteredListView of the URL configuration, and the award-history lookup.

    A list whose URL takes arguments (one object's rows: a term's review queue) is left out when its
    rows are not of a large table; one over a large table would need its arguments here.
    """
    from awards.filters import AwardRecordFilterSet
    from awards.views.history import lookup

    pages, with_arguments = {}, []
    for name, callback, arguments in _patterns(get_resolver().url_patterns):
        view_class = getattr(callback, "view_class", None)
        if view_class is None or not issubclass(view_class, FilteredListView):
            continue
        if arguments:
            with_arguments.append((name, view_class))
            continue
        pages.setdefault(view_class, ListPage(name, view_class.filterset_class, view_class=view_class))
    unserved = [name for name, view in with_arguments if view.filterset_class._meta.model in BIG_MODELS]
    assert not unserved, f"lists over a large table whose URL takes arguments: give them here: {unserved}"
    lookup_page = ListPage("awards:lookup", AwardRecordFilterSet, function=lookup)
    return sorted([*pages.values(), lookup_page], key=lambda page: page.name)


LIST_PAGES = list_pages()


def test_every_large_list_is_walked():
    names = {page.name for page in LIST_PAGES}
    expected = {
        "awards:proposal_list",
        "awards:queue",
        "awards:lookup",
        "directory:unit_list",
        "directory:person_list",
        "movements:movement_list",
    }
    assert expected <= names, expected - names


# ---------------------------------------------------------------------------
# Representative values of each declared filter
# ---------------------------------------------------------------------------
def _choices(choice_filter):
    choices = choice_filter.extra.get("choices", ())
    choices = choices() if callable(choices) else choices
    return [str(value) for value, _label in choices if value not in ("", None)]


def _distinct_shapes(filterset_class, name, choices):
    """One choice of each SQL shape the filter's method gives (the SQL with its parameters left out):
    the movement state's "under way" (IN) and one state (=), not every state."""
    model, shapes = filterset_class._meta.model, {}
    for value in choices:
        filterset = filterset_class(QueryDict(f"{name}={value}"), queryset=model._default_manager.all())
        shape = filterset.qs.query.sql_with_params()[0] if filterset.is_valid() else value
        shapes.setdefault(shape, value)
    return list(shapes.values())


def sample_values(filterset_class):
    """{filter name: [representative values]} for every filter the FilterSet declares.

    A choice filter with a method (which may branch on the value) gets one choice of each SQL shape it
    gives; a plain one its first. A related row is the first of the filter's queryset.
    """
    model = filterset_class._meta.model
    values = {}
    for name, declared in filterset_class.base_filters.items():
        if isinstance(declared, django_filters.ModelChoiceFilter):
            queryset = declared.extra["queryset"]
            queryset = queryset(None) if callable(queryset) else queryset
            row = queryset.order_by("pk").first()
            assert row is not None, f"{filterset_class.__name__}.{name}: build a row for its value"
            values[name] = [str(row.pk)]
        elif isinstance(declared, django_filters.ChoiceFilter):
            choices = _choices(declared)
            values[name] = _distinct_shapes(filterset_class, name, choices) if declared.method else choices[:1]
        elif isinstance(declared, django_filters.BooleanFilter):
            values[name] = ["true"]
        elif isinstance(declared, django_filters.DateFilter):
            values[name] = [f"01/01/{YEAR}"]
        elif isinstance(declared, django_filters.NumberFilter):
            field_name = declared.field_name.removesuffix("_id")
            field = next((f for f in model._meta.get_fields() if f.name == field_name), None)
            if field is not None and field.is_relation:
                values[name] = [str(field.related_model.objects.order_by("pk").first().pk)]
            else:
                values[name] = [str(YEAR)]
        elif isinstance(declared, django_filters.CharFilter):
            values[name] = [SEARCH]
        else:
            pytest.fail(f"{filterset_class.__name__}.{name}: give a {type(declared).__name__} a value here")
    return values


def combinations(filterset_class):
    """Every combination of the declared filters (absent or one of its values): 2^n for n filters."""
    values = sample_values(filterset_class)
    names = list(values)
    for choice in itertools.product(*[[None, *values[name]] for name in names]):
        query = QueryDict(mutable=True)
        for name, value in zip(names, choice, strict=True):
            if value is not None:
                query[name] = value
        yield query.urlencode()


# ---------------------------------------------------------------------------
# The page's SQL, and its plan
# ---------------------------------------------------------------------------
def page_statements(page, user, query):
    """The SELECTs the page runs for `query`, as (sql, params): the capped count and the first page
    (or, for a function view, every SELECT the view runs). The first page is built, not run: the
    paginator skips it when the count is 0, as it often is on the test's few rows."""
    with CaptureQueriesContext(connection) as captured:
        if page.view_class is not None:
            rows = list_rows(page.view_class, user, query)
            CappedPaginator(rows, PAGE_SIZE).count  # noqa: B018 (runs the capped count)
        else:
            request = RequestFactory().get("/", QueryDict(query))
            request.user = user
            page.function(request)
    statements = [(entry["sql"], None) for entry in captured.captured_queries]
    if page.view_class is not None:
        with contextlib.suppress(EmptyResultSet):  # rows.none(): the page runs no query
            statements.append(rows[:PAGE_SIZE].query.sql_with_params())
    return [(sql, params) for sql, params in statements if sql.lstrip().upper().startswith("SELECT")]


INDEX_SCANS = {"Index Scan", "Index Only Scan"}


def partial_indexes():
    """Names of the partial indexes (a partial index walked whole reads only the rows it holds)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE indpred IS NOT NULL")
        return {name for (name,) in cursor.fetchall()}


def bad_reads(plan, *, walks=True, partial=frozenset()):
    """The large tables the plan reads whole: by a Seq Scan, or by walking a whole index and filtering
    each row (an Index Scan of a full index with a Filter but no Index Cond: the ordering's btree read
    from its first entry, the "pham van" case of issue 13, which `enable_seqscan = off` cannot reveal
    by itself). `walks=False` checks Seq Scans only."""
    found = []
    table = plan.get("Relation Name")
    if table in BIG_TABLES:
        if plan["Node Type"] == "Seq Scan":
            found.append(f"Seq Scan on {table}")
        elif (
            walks
            and plan["Node Type"] in INDEX_SCANS
            and "Filter" in plan
            and "Index Cond" not in plan
            and plan["Index Name"] not in partial
        ):
            found.append(f"whole index {plan['Index Name']} of {table} walked, filtering {plan['Filter']}")
    for child in plan.get("Plans", ()):
        found.extend(bad_reads(child, walks=walks, partial=partial))
    return found


def explain(statement, format_="JSON"):
    sql, params = statement
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT {format_}) {sql}", params)
        rows = cursor.fetchall()
    if format_ == "JSON":
        plan = rows[0][0]
        return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    return "\n".join(row[0] for row in rows)


def valid_query(page, user, query):
    """The combination is one the page accepts (each value really filters: none is dropped as invalid)."""
    request = RequestFactory().get("/", QueryDict(query))
    request.user = user
    model = page.filterset_class._meta.model
    filterset = page.filterset_class(QueryDict(query), queryset=model.objects.none(), request=request)
    return filterset.is_valid(), filterset.errors


def reads_a_large_table(statements):
    return any(f'"{table}"' in sql for sql, _params in statements for table in BIG_TABLES)


@pytest.mark.slow  # about 25 s of EXPLAINs in all (two workers: 18 s), the proposal list and the queue 6 s each
@pytest.mark.parametrize("page", LIST_PAGES, ids=lambda page: page.name)
def test_every_filter_combination_is_served_by_an_index(postgresql, shared_data, page):
    """Each role whose rows differ (visible_to) walks every combination; a list whose SQL, bare or
    with every filter set, reads no large table is not walked (the catalogue, the inbox)."""
    from directory.models import User

    users = {role: User.objects.get(pk=shared_data.cast[role]) for role in USERS}
    for name, options in sample_values(page.filterset_class).items():
        for value in options:
            valid, errors = valid_query(page, users["officer"], QueryDict(f"{name}={value}").urlencode())
            assert valid, f"{page.name} ?{name}={value}: a representative value is refused: {errors}"
    queries = list(combinations(page.filterset_class))
    assert len(queries) >= 2 ** len(page.filterset_class.base_filters)
    failures, walked, seen, partial, planned = [], [], [], partial_indexes(), {}
    with transaction.atomic():
        with connection.cursor() as cursor:
            forget_statistics(cursor)
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL jit = off")
        for role, user in users.items():
            ends = [page_statements(page, user, query) for query in (queries[0], queries[-1])]
            if not reads_a_large_table([statement for statements in ends for statement in statements]) or ends in seen:
                continue  # no large table, or the same SQL as a role walked already
            seen.append(ends)
            walked.append(role)
            for query in queries:
                active = set(QueryDict(query))
                broad_only = bool(active) and all((page.filterset_class.__name__, name) in BROAD for name in active)
                for statement in page_statements(page, user, query):
                    # The same statement (the session, the user, a list's own choices) is planned once.
                    key = (statement[0], repr(statement[1]), broad_only)
                    if key not in planned:
                        planned[key] = bad_reads(explain(statement), walks=not broad_only, partial=partial)
                    reads = planned[key]
                    if reads:
                        failures.append(
                            f"--- {page.name} as {role}, ?{query or '(no filter)'}: {'; '.join(reads)}\n"
                            f"{statement[0]} {statement[1] or ''}\n{explain(statement, 'TEXT')}"
                        )
        transaction.set_rollback(True)  # the statistics and settings come back
    if page.filterset_class._meta.model in BIG_MODELS:
        assert walked, f"{page.name} lists a large table: it must be walked"
    assert not failures, f"{len(failures)} statements read a large table whole:\n" + "\n".join(failures)


def forget_statistics(cursor):
    """Plan as for tables never analysed, whatever the suite wrote and autovacuum analysed before in
    this database: statistics of a few rows make the planner walk any index, and the plans must not
    depend on which tests ran earlier. The catalogue rows are changed inside the test's transaction
    (the test services' user is a superuser) and come back with its rollback."""
    tables = sorted(BIG_TABLES)
    cursor.execute(
        "DELETE FROM pg_statistic WHERE starelid IN (SELECT oid FROM pg_class WHERE relname = ANY(%s))", [tables]
    )
    cursor.execute("UPDATE pg_class SET reltuples = -1, relpages = 0 WHERE relname = ANY(%s)", [tables])


def test_a_missing_index_is_reported(postgresql, shared_data):
    """The failing case: without the proposals' trigram index the search box walks the list's order."""
    from directory.models import User

    officer = User.objects.get(pk=shared_data.cast["officer"])
    page = next(page for page in LIST_PAGES if page.name == "awards:proposal_list")
    with transaction.atomic(), connection.cursor() as cursor:
        forget_statistics(cursor)
        cursor.execute("SET LOCAL enable_seqscan = off")
        served = [bad_reads(explain(statement)) for statement in page_statements(page, officer, f"q={SEARCH}")]
        cursor.execute("DROP INDEX proposal_search_trgm")
        unserved = [bad_reads(explain(statement)) for statement in page_statements(page, officer, f"q={SEARCH}")]
        transaction.set_rollback(True)
    assert served == [[], []]
    assert all(reads and "awards_proposal" in reads[0] for reads in unserved), unserved


def test_movements_a_unit_officer_sees_are_every_state_but_the_draft(unit_officer, officer):
    """`Movement.objects.visible_to` lists the states instead of excluding the draft: the same rows."""
    from movements.enums import MovementState
    from tests.factories.movements import MovementFactory

    pks = [MovementFactory(state=state).pk for state in MovementState.values]
    seen = Movement.objects.visible_to(unit_officer).filter(pk__in=pks).values_list("state", flat=True)
    assert set(seen) == set(MovementState.values) - {MovementState.DRAFT}
    assert Movement.objects.visible_to(officer).filter(pk__in=pks).count() == len(MovementState.values)
