"""Hot read queries whose SQL the ORM writes once per process (issue 13).

Building a queryset and compiling it to SQL costs the ORM about half a millisecond, more
for a model with many fields or a UNION: on the pupil page that was a third of the page's
time, for SQL that takes the database a few hundredths of a millisecond to run. A query
that every request (or every pupil page) runs with only its arguments changing can be
written once instead:

    photo_of = Prepared(lambda pupil_id: PupilPhoto.objects.filter(pupil_id=pupil_id))
    photos = photo_of.instances(pupil_id=pupil.pk)

The first call builds the queryset twice with two sets of stand-in arguments, compiles
both, and keeps the SQL, the place of each argument among its parameters and the
converters the ORM would apply to each column (dates on SQLite, JSON, booleans); it
checks that the call's own arguments compile to that SQL too. Later calls run that SQL
with their arguments and the same converters. The query is still the
ORM's, on every database senco runs on, and the database still sees each query (the tests'
query counts and the audit are unchanged).

The rules, checked when a query is first prepared (a query that breaks them is logged as
a warning by "senco.prepared" and then always run through the ORM; `prepare()` raises
`NotPreparable` instead, for tests):

- `build` may not look at its arguments' values, only pass them to `filter()` and the
  like: the two compilations must give the same SQL.
- Arguments are ints, strings, dates or datetimes, each reaching the SQL as itself (not
  inside a LIKE pattern), or a list of them for `__in` (see below).
- `instances()` takes a model queryset: `only()`/`defer()` (of the model's own fields),
  annotations and `select_related()` of named foreign keys are fine, prefetching and
  `extra()` are not; `rows()` takes a `values_list()` queryset and returns its tuples.

A list argument (`ids` in `filter(id__in=ids)`) is written once for each length: the SQL
has a placeholder for each item. A list with a repeated item (the ORM drops repeats), a
list of mixed types, or one longer than LIST_MAX is run by the ORM.

A call whose arguments are not of the prepared types (None, say) is run through the ORM
as usual, so it is never wrong, only slower.
"""

import datetime
import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.query import ModelIterable, ValuesListIterable
from django.db.models.signals import post_init, pre_init

logger = logging.getLogger("senco.prepared")

# Every query written once in this process, for the test that no page's falls back.
_EVERY: "weakref.WeakSet[Prepared]" = weakref.WeakSet()


def every_prepared() -> list["Prepared"]:
    return list(_EVERY)


class NotPreparable(Exception):
    """The query cannot be written once: it breaks one of the module's rules."""


# Two stand-ins per type, unlike any value a query would hold of itself.
_STANDINS: dict[type, tuple[Callable[[int], Any], Callable[[int], Any]]] = {
    # Within a small integer's range: PostgreSQL's backend drops a lookup whose value a
    # field cannot hold (a year beyond 32,767), which would change the SQL.
    int: (lambda i: 21_001 + i, lambda i: 21_502 + i),
    str: (lambda i: f"senco-standin-a-{i}", lambda i: f"senco-standin-b-{i}"),
    datetime.date: (
        lambda i: datetime.date(1901, 2, 3) + datetime.timedelta(days=i),
        lambda i: datetime.date(1902, 4, 5) + datetime.timedelta(days=i),
    ),
    datetime.datetime: (
        lambda i: (
            datetime.datetime(1901, 2, 3, 4, 5, 6, 7, tzinfo=datetime.UTC)
            + datetime.timedelta(minutes=i)
        ),
        lambda i: (
            datetime.datetime(1902, 4, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
            + datetime.timedelta(minutes=i)
        ),
    ),
}


# The one argument that is not a value of the SQL but chooses which SQL: see Prepared.
SHAPE = "shape"
# The longest list argument written once (each length is its own SQL, kept per process).
LIST_MAX = 64


@dataclass(frozen=True)
class _ListOf:
    """The kind of a list argument: its items' type and how many there are."""

    kind: type
    length: int


def _kinds(args: dict) -> tuple:
    return tuple(sorted((name, _kind(value)) for name, value in args.items() if name != SHAPE))


def _kind(value) -> type | _ListOf | None:
    """The stand-in type of an argument (a bool is not an int here: it may shape SQL)."""
    if isinstance(value, list | tuple):
        return _list_kind(value)
    return _scalar_kind(value)


def _list_kind(values) -> _ListOf | None:
    if len(values) > LIST_MAX or len(set(values)) != len(values):
        return None  # too long to keep, or a repeat the ORM would drop
    kinds = {_scalar_kind(v) for v in values}
    if len(kinds) > 1 or None in kinds:
        return None
    return _ListOf(kinds.pop() if kinds else int, len(values))


def _scalar_kind(value) -> type | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int) and not -(2**31) < value < 2**31:
        return None  # beyond an integer column: the ORM's own answer (PostgreSQL's: none)
    for kind in (datetime.datetime, datetime.date, int, str):
        if isinstance(value, kind):
            return kind
    return None


def _adapters(kind: type) -> tuple[str, ...]:
    """How the ORM may have turned an argument of this type into a parameter: as itself
    (""), or by one of the database's `connection.ops` methods."""
    if kind is datetime.datetime:
        return ("", "adapt_datetimefield_value")
    if kind is datetime.date:
        return ("", "adapt_datefield_value")
    return ("",)


def _adapt(connection, adapter: str, value):
    return getattr(connection.ops, adapter)(value) if adapter else value


def _filled(connection, params: tuple, slots, args: dict) -> list:
    """The parameters with each argument (or item of a list argument) adapted into its
    places."""
    filled = list(params)
    for position, name, index, adapter in slots:
        value = args[name] if index is None else args[name][index]
        filled[position] = _adapt(connection, adapter, value)
    return filled


def _standins(kinds: tuple, which: int) -> dict:
    """Stand-in arguments (`which`: the first or second set), every value of the SQL
    distinct, so that each parameter tells which argument (and item) it came from."""
    args, n = {}, 0
    for name, kind in kinds:
        if isinstance(kind, _ListOf):
            args[name] = [_STANDINS[kind.kind][which](n + i) for i in range(kind.length)]
            n += kind.length
        else:
            args[name] = _STANDINS[kind][which](n)
            n += 1
    return args


def _values(kinds: tuple):
    """(name, index in its list or None, type) of every value the arguments hold."""
    for name, kind in kinds:
        if isinstance(kind, _ListOf):
            for index in range(kind.length):
                yield name, index, kind.kind
        else:
            yield name, None, kind


@dataclass(frozen=True)
class _Plan:
    alias: str
    sql: str | None  # None: the ORM knows there are no rows without asking
    params: tuple
    # position, argument, index in the list argument or None, adapter (_adapters)
    slots: tuple[tuple[int, str, int | None, str], ...]
    converters: tuple  # (position, converters, expression) as the ORM's compiler gives
    parts: tuple["_Part", ...]  # for instances(): the models each row holds, in order,
    annotations: tuple[str, ...]  # then the annotations that follow them


@dataclass(frozen=True)
class _Part:
    """One model's columns in a row of instances(): the queryset's own model first, then
    each model reached by select_related(), set on its parent (an earlier part)."""

    model: type[Model]
    attnames: tuple[str, ...]
    parent: int | None  # the part this one hangs from, and by which foreign key
    field: Any = None


def _parts(queryset: QuerySet) -> list[tuple[_Part, str]]:
    """The models of each row, each with the lookup prefix of its columns."""
    related = queryset.query.select_related
    if related is True:
        raise NotPreparable("select_related() with no names follows every foreign key.")
    parts = [(_Part(queryset.model, _loaded(queryset, queryset.model, ""), None), "")]

    def walk(model, tree: dict, parent: int, prefix: str) -> None:
        for name, below in tree.items():
            field = model._meta.get_field(name)
            if not field.concrete or not (field.many_to_one or field.one_to_one):
                raise NotPreparable(f"select_related({name!r}) is not a foreign key.")
            if field.attname not in parts[parent][0].attnames:
                raise NotPreparable(f"only() leaves out {field.attname}, which joins {name}.")
            target = field.remote_field.model
            below_prefix = f"{prefix}{name}__"
            parts.append(
                (
                    _Part(target, _loaded(queryset, target, below_prefix), parent, field),
                    below_prefix,
                )
            )
            walk(target, below, len(parts) - 1, below_prefix)

    walk(queryset.model, related or {}, 0, "")
    return parts


def _loaded(queryset: QuerySet, model, prefix: str) -> tuple[str, ...]:
    """The attnames of the concrete fields of `model` (reached by the lookup `prefix`) the
    queryset loads, honouring only() and defer() as the ORM does."""
    names, defer = queryset.query.deferred_loading
    here = {n[len(prefix) :] for n in names if n.startswith(prefix)}
    own = {n for n in here if "__" not in n}
    traversed = {n.split("__")[0] for n in here if "__" in n}
    fields = model._meta.concrete_fields
    if defer:
        chosen = [f for f in fields if f.name not in own and f.attname not in own]
    elif not here and prefix:
        chosen = list(fields)  # only() names nothing of a model select_related() reaches
    else:
        wanted = own | traversed
        chosen = [f for f in fields if f.primary_key or f.name in wanted or f.attname in wanted]
    return tuple(f.attname for f in chosen)


def as_first(queryset: QuerySet) -> QuerySet:
    """The queryset as `.first()` runs it (its own order, or else by primary key; one row),
    for `Prepared.first()`."""
    return (queryset if queryset.ordered else queryset.order_by("pk"))[:1]


class Prepared:
    """A read query compiled once per process and database (see the module's docstring).

    An argument named `shape` is passed to `build` like the others but is not a value of
    the SQL: each shape (any hashable, e.g. which pupils a role sees) has its own SQL."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._plans: dict[tuple, _Plan | None] = {}
        self._lock = threading.Lock()
        _EVERY.add(self)

    def refused(self) -> list[tuple]:
        """The argument kinds this query could not be written once for (run by the ORM)."""
        return [key for key, plan in self._plans.items() if plan is None]

    def forget(self) -> None:
        """Prepare again on the next call (for tests)."""
        self._plans.clear()

    # --- the two ways to read -------------------------------------------------------------

    def rows(self, **args) -> list[tuple]:
        """The tuples of a `values_list()` queryset."""
        plan = self._plan(args, instances=False)
        if plan is None:
            return list(self.build(**args))
        return self._run(plan, args)

    def instances(self, **args) -> list[Model]:
        """The model instances of a plain model queryset."""
        plan = self._plan(args, instances=True)
        if plan is None:
            return list(self.build(**args))
        found = []
        makers = [_maker(part.model) for part in plan.parts]
        for row in self._run(plan, args):
            made, start = [], 0
            for part, make in zip(plan.parts, makers, strict=True):
                values = row[start : start + len(part.attnames)]
                start += len(part.attnames)
                if part.parent is None:
                    made.append(make(plan.alias, part.attnames, values))
                    continue
                parent = made[part.parent]
                # A null foreign key (or a parent that is itself missing): no object.
                if parent is None or getattr(parent, part.field.attname) is None:
                    if parent is not None:
                        part.field.set_cached_value(parent, None)
                    made.append(None)
                    continue
                child = make(plan.alias, part.attnames, values)
                part.field.set_cached_value(parent, child)
                made.append(child)
            for name, value in zip(plan.annotations, row[start:], strict=True):
                setattr(made[0], name, value)
            found.append(made[0])
        return found

    def first(self, **args) -> Model | None:
        found = self.instances(**args)
        return found[0] if found else None

    # --- running ----------------------------------------------------------------------

    def _run(self, plan: _Plan, args: dict) -> list[tuple]:
        if plan.sql is None:
            return []
        connection = connections[plan.alias]
        params = _filled(connection, plan.params, plan.slots, args)
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        if not plan.converters:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:
            row = list(row)
            for position, convs, expression in plan.converters:
                value = row[position]
                for convert in convs:
                    value = convert(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted

    # --- preparing ----------------------------------------------------------------------

    def _plan(self, args: dict, *, instances: bool) -> _Plan | None:
        shape = args.get(SHAPE)
        kinds = _kinds(args)
        if any(kind is None for _name, kind in kinds):
            return None  # None or a bool: the ORM's own way, which may shape the SQL
        key = (instances, shape, kinds)
        if key not in self._plans:
            with self._lock:
                if key not in self._plans:
                    try:
                        self._plans[key] = self._prepare(kinds, instances, shape, args)
                    except NotPreparable as e:
                        logger.warning("Not prepared, run by the ORM: %s (%s)", self.build, e)
                        self._plans[key] = None
        return self._plans[key]

    def prepare(self, *, instances: bool, **args) -> None:
        """Prepare for arguments like these now, raising NotPreparable if it cannot be."""
        shape = args.get(SHAPE)
        key = (instances, shape, _kinds(args))
        self._plans[key] = self._prepare(key[2], instances, shape, args)

    def _compiled(self, standins: dict, instances: bool):
        try:
            return self._compile(standins, instances)
        except (TypeError, ValueError, ValidationError) as e:  # e.g. a string for an id
            raise NotPreparable(f"The ORM refused the stand-ins: {e}") from e

    def _compile(self, standins: dict, instances: bool):
        queryset = self.build(**standins)
        if instances:
            if (
                queryset._iterable_class is not ModelIterable
                or queryset._prefetch_related_lookups
                or queryset.query.extra
            ):
                raise NotPreparable("instances() needs one model's rows and nothing more.")
            parts = _parts(queryset)
            columns = [prefix + a for part, prefix in parts for a in part.attnames]
            annotations = tuple(queryset.query.annotation_select)
            queryset = queryset.values_list(*columns, *annotations)
            parts = tuple(part for part, _prefix in parts)
        else:
            if queryset._iterable_class is not ValuesListIterable:
                raise NotPreparable("rows() needs a values_list() queryset (not flat or named).")
            parts = annotations = ()
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # e.g. filter(pk__in=Pupil.objects.none()): no rows, no SQL
            return queryset, None, (), (), (parts, annotations)
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        converters = tuple(
            (position, tuple(convs), expression)
            for position, (convs, expression) in compiler.get_converters(fields).items()
        )
        return queryset, sql, tuple(params), converters, (parts, annotations)

    def _prepare(self, kinds: tuple, instances: bool, shape, real: dict) -> _Plan:
        a, b = _standins(kinds, 0), _standins(kinds, 1)
        if shape is not None:
            a[SHAPE] = b[SHAPE] = shape
        queryset, sql, params, converters, (parts, annotations) = self._compiled(a, instances)
        alias = queryset.db
        connection = connections[alias]
        _qs, sql_b, params_b, _c, _n = self._compiled(b, instances)
        if sql != sql_b or len(params) != len(params_b):
            raise NotPreparable("The SQL depends on the arguments' values.")
        slots = []
        for position, (pa, pb) in enumerate(zip(params, params_b, strict=True)):
            if pa == pb:
                continue
            slots.append(_slot(connection, position, pa, pb, a, b, kinds))
        # And the SQL of the first real arguments must be the same with them in their places.
        _qs, sql_real, params_real, _c, _n = self._compiled(real, instances)
        if sql_real != sql or list(params_real) != _filled(connection, params, slots, real):
            raise NotPreparable("The SQL of real arguments is not the stand-ins' SQL.")
        return _Plan(
            alias=alias,
            sql=sql,
            params=params,
            slots=tuple(slots),
            converters=converters,
            parts=parts,
            annotations=annotations,
        )


def _maker(model: type[Model]) -> Callable[[str, tuple, tuple], Model]:
    """How to make an instance of `model` from the values of its columns `attnames`.

    Django's `from_db` calls the model's `__init__`, which sends the pre_init and post_init
    signals and sets each field through its descriptor: about 6 microseconds for a pupil,
    and the home page makes ~360 instances. When the model has no `__init__` or `from_db`
    of its own and nothing listens to those signals for it (asked at each call), the
    instance is made as `__init__` would leave it, in a sixth of the time: its values in
    its `__dict__` (a column not read is absent there, so it is deferred, as the ORM's
    would be) and a `_state` saying it came from this database."""
    if (
        model.__init__ is not Model.__init__
        or model.from_db.__func__ is not Model.from_db.__func__
        or pre_init.has_listeners(model)
        or post_init.has_listeners(model)
    ):
        return model.from_db

    def make(alias: str, attnames: tuple, values: tuple) -> Model:
        instance = model.__new__(model)
        state = ModelState()
        state.adding = False
        state.db = alias
        instance.__dict__.update(zip(attnames, values, strict=True), _state=state)
        return instance

    return make


def _slot(connection, position: int, pa, pb, a: dict, b: dict, kinds) -> tuple:
    """Which argument (or item of a list), adapted how, gave parameter `position` its two
    stand-in values."""
    for name, index, kind in _values(kinds):
        value_a = a[name] if index is None else a[name][index]
        value_b = b[name] if index is None else b[name][index]
        for adapter in _adapters(kind):
            if (
                _adapt(connection, adapter, value_a) == pa
                and _adapt(connection, adapter, value_b) == pb
            ):
                return (position, name, index, adapter)
    raise NotPreparable(f"Parameter {position} is an argument changed on its way to SQL.")
