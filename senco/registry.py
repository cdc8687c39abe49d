"""What each part of senco adds to the shared pages, declared in one place.

The core's pages (the home page's "What needs doing", the pupil page, the menu, the demo
trust, the calendar of dated events) never name a capability. Each app declares what it
adds in its `capability.py`, imported by its `AppConfig.ready()`:

    register(
        Capability(
            app="plans",
            nav=(NavItem("Reviews", "plans_reviews", ability="runs_cycles", order=40),),
            pupil_panels=(PupilPanel("plans/_pupil_panel.html", pupil_panel, order=20),),
            todo=(TodoSection("plans/_todo.html", todo_section, order=10),),
            demo=(DemoBuilder("plans", build_demo, order=20),),
            events=(dated_events,),
            abilities={"runs_cycles": frozenset({Role.SENCO, Role.TEACHER})},
            audit_actions=PlansAction,
        )
    )

The core apps declare their own menu entries and panels the same way, so a page reads
one list. Everything is ordered by `order`, then by the app's name. See
docs/adding-a-capability.md.
"""

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models

from senco.access import Scope, register_ability
from senco.audit.actions import register_actions


@dataclass(frozen=True)
class NavItem:
    """An entry in the school's menu, shown to the scopes that have `ability`."""

    label: str
    url_name: str  # reversed with the school's URN
    ability: str
    order: int = 100
    home_label: str = ""  # set to list it under "Go to" on the home page too
    # "settings": listed on the School settings page instead of in the menu, with this
    # description, so that no role's menu holds more than six entries.
    group: str = ""
    description: str = ""
    # A heading the home page lists it under, below the other "Go to" links, e.g. "The
    # SENCO's year" for the strategy and reporting pages.
    home_section: str = ""


@dataclass(frozen=True)
class PageLink:
    """A link a capability adds to a core page, shown to scopes with the ability.

    `page` names the place and so the URL's arguments after the school's URN:
    "teaching_group" (the group's id) or "register_year" (a year group)."""

    page: str
    label: str
    url_name: str
    ability: str
    order: int = 100


@dataclass(frozen=True)
class PupilPanel:
    """A section of the pupil page. `context(request, pupil, scope)` returns what the
    template needs, or None to leave the panel out for this person."""

    template: str
    context: Callable[..., dict | None]
    order: int = 100
    slot: str = "main"  # "header": beside the pupil's name (a photo); "main": below the facts


@dataclass(frozen=True)
class TodoSection:
    """Part of a school's "What needs doing" list. `context(scope, today)` returns what
    the template needs, or None when it has nothing to say to this person."""

    template: str
    context: Callable[[Scope, datetime.date], dict | None]
    order: int = 100


@dataclass(frozen=True)
class DemoBuilder:
    """Builds this app's part of the demo trust (`manage.py seed_demo`, `manage.py bench`).

    `build(demo)` runs inside the seeding transaction once the core is built and the
    builders ordered before it have run. `demo` is a `senco.demo.context.DemoTrust`:
    `demo.trust`, `demo.today` (nothing may happen after it), `demo.seed` and
    `demo.schools`, each a `DemoSchool` with `school`, `phase`, `staff[role]`, `senco`,
    `pupils` (saved), `terms` (for senco/lib/clock.py), `teachers_of[pupil.pk]` (tutor or
    class teacher last), `ta_of[pupil.pk]`, `heritage[pupil.pk]`, and `rng`, the school's
    random generator, with `weekday(lo, hi)`, `moment(day)` and `some(items, low, high)`
    drawing from it. Draw only from `rng`, so that a seed always gives the same data: the
    generator carries on from the builders before, so `order` is part of the data."""

    name: str
    build: Callable
    order: int = 100


@dataclass(frozen=True)
class DatedEvent:
    """Something due on a day, for the calendar: a review, a deadline, a meeting."""

    date: datetime.date
    title: str
    url: str = ""
    pupil_id: int | None = None
    rule: str = ""  # the rule in plain English, e.g. "at least termly"
    source: str = ""  # its legal source, e.g. "SEND Code of Practice 6.48"
    # What sort of event, for the calendar's filter, e.g. "Annual reviews".
    kind: str = ""
    # The same for the same event on every fetch, for the iCalendar feed; one is made from
    # the date and title when a source gives none.
    uid: str = ""
    # The user whose step it is (an annual review's owner), reminded of it as well.
    owner_id: int | None = None
    # A statutory step not done: "overdue", or "soon" (within 10 school days), for the
    # reminders; "" when it is neither, or is not a statutory step.
    urgency: str = ""
    # The pupil's name as it appears in the title, and their initials, so that what leaves
    # the system (the iCalendar feed, reminder emails) can show initials instead.
    pupil_name: str = ""
    pupil_initials: str = ""
    # False when the app lists the event in "What needs doing" itself (the calendar's
    # deadlines section then leaves it out, so nothing is listed twice); reminder emails
    # and the calendar still show it.
    in_todo: bool = True

    def title_for(self, *, names: bool) -> str:
        """The title with the pupil's full name, or with their initials in its place. An
        event about a pupil that does not say how its title names them shows no title."""
        if names or self.pupil_id is None:
            return self.title
        if self.pupil_name and self.pupil_name in self.title:
            return self.title.replace(self.pupil_name, self.pupil_initials or "a pupil")
        return f"{self.kind or 'Something due'} (pupil's name hidden)"


@dataclass(frozen=True)
class Schedule:
    """A job run by `manage.py run_schedules` (every few minutes, from a timer) when due:
    `every` after it last started, and not before `after` o'clock (local time) on the day.
    `run()` does the work and returns a line saying what it did, shown on the Scheduled
    jobs page; an exception marks the run failed. It must be safe to run again."""

    name: str
    label: str
    run: Callable[[], str]
    every: datetime.timedelta = datetime.timedelta(days=1)
    after: datetime.time | None = None
    order: int = 100


@dataclass(frozen=True)
class PupilNote:
    """A short note a capability adds beside a pupil on a core list (the register), e.g.
    "No EHC plan recorded", with a link when there is something to do about it. `hidden`
    is read only by screen readers after the link's text (the pupil's name), so that many
    links of the same text can be told apart."""

    text: str
    url: str = ""
    hidden: str = ""


@dataclass(frozen=True)
class TeacherLine:
    """One thing a pupil's teachers should do, with a tag when it is not happening yet."""

    text: str
    tag: str = ""  # e.g. "Not in place yet", drawn as a warning tag


@dataclass(frozen=True)
class TeacherSection:
    """What a capability adds for a pupil's teachers beside the passport on My pupils and
    the class sheets (the EHC plan's classroom strategies, say): a title and its lines."""

    title: str
    lines: tuple[TeacherLine, ...]


@dataclass(frozen=True)
class NextStep:
    """Where a core page sends the person after a change it saved, instead of its own next
    page, and the notice that says why (e.g. the EHC plan's form after a move to E)."""

    url: str
    message: str


@dataclass(frozen=True)
class SummaryFigures:
    """Counts a capability adds to a school's summary page, which governors and the trust's
    SEND lead see as well as the SENCO and leaders. `context(school, today, suppress)`
    returns the template's context as `figures`, or None to add nothing. Counts only, never
    a name; with `suppress` (the person sees no names) the counts from 1 to 4, and any that
    would give one away, must be hidden as the register's are (`senco.lib.disclosure`).
    A query or two: the summary's query count must not grow with the pupils."""

    template: str
    context: Callable[..., dict | None]
    order: int = 100


@dataclass(frozen=True)
class Delivery:
    """How something a pupil's plan promises is being delivered (a group that runs it and
    what its sessions show), for the page of the plan that promised it. `tag` is drawn as a
    warning when the sessions show it is not happening; `url` links to the delivery."""

    text: str
    tag: str = ""
    url: str = ""
    link_label: str = ""


@dataclass(frozen=True)
class ParentPanel:
    """A section of a parent's page about their own child (`parent_child`).

    `context(pupil, contacts, today)` gets the pupil and the parent's contact records for
    that child (each may be told about the pupil: `senco.access.child_for` checked) and
    returns what the template needs, or None to leave the panel out. Only what the family
    may read: never staff-only notes, other contacts' details or other children."""

    template: str
    context: Callable[..., dict | None]
    order: int = 100


@dataclass(frozen=True)
class Figure:
    """One figure offered as evidence: beside a self-evaluation question, in a line
    management meeting record and in the reports to governors."""

    label: str  # "Annual reviews held on time this school year"
    value: str  # "14 of 16 (88%)"; "hidden" when the reader sees no small numbers
    url: str = ""  # the page it comes from (shown only to those who may open it)
    national: str = ""  # England's figure, where there is one: "4.8% (DfE, 2025)"
    source: str = ""  # the rule or data it answers to: "SEND Code of Practice 9.166"


@dataclass(frozen=True)
class Evidence:
    """Figures a part of senco offers under a `key` from the shared list in
    `EVIDENCE_KEYS`, so a question or a report section can ask for "annual_reviews"
    without knowing which app holds them. `figures(school, today, suppress)` returns a
    list of `Figure`s (empty when it has nothing to say); with `suppress` (the reader sees
    no names: governors, the trust's SEND lead) counts from 1 to 4 and anything that would
    give one away read "hidden" (`senco.lib.disclosure`). A few queries, not per pupil."""

    key: str
    figures: Callable[..., list[Figure]]
    order: int = 100


# What evidence may be asked for, and what each key means. A key no installed app offers
# shows nothing. Questions (senco/strategy) and report sections (senco/reports) name these.
EVIDENCE_KEYS: dict[str, str] = {
    "register": "Pupils on the SEN register, at SEN support and with EHC plans, against England",
    "needs": "Pupils on the register by broad area and type of need, against England",
    "census": "Census checks run before each census day and what they found",
    "annual_reviews": "EHC plans' annual reviews held and finished on time",
    "ehc_assessments": "Requests for EHC needs assessment and the 20-week clock",
    "plans": "SEN support plans and their assess-plan-do-review cycles up to date",
    "passports": "Pupil passports and one-page profiles up to date",
    "provision": "Interventions running, their cost and their measured impact",
    "ehcp_provision": "What EHC plans' section F promises and whether it is delivered",
    "parent_meetings": "The three meetings a year with every family on the register",
    "parents_told": "Parents told when their child joined, left or moved on the register",
    "attendance": "Absence and persistent absence of pupils with SEN against England",
    "suspensions": "Suspensions and exclusions of pupils with SEN against England",
    "attainment": "Results of pupils with SEN against the school and England",
    "development_plan": "The SEND development plan's priorities and actions by status",
}


@dataclass(frozen=True)
class Capability:
    app: str
    nav: tuple[NavItem, ...] = ()
    page_links: tuple[PageLink, ...] = ()
    pupil_panels: tuple[PupilPanel, ...] = ()
    todo: tuple[TodoSection, ...] = ()
    demo: tuple[DemoBuilder, ...] = ()
    # Each returns the dated events a scope may see between two days (inclusive).
    events: tuple[Callable[[Scope, datetime.date, datetime.date], Iterable[DatedEvent]], ...] = ()
    # Of `events`, the sources whose events may be statutory steps with an `urgency`: the
    # reminders and "What needs doing" read only these (the calendar and feed read all).
    deadline_events: tuple[
        Callable[[Scope, datetime.date, datetime.date], Iterable[DatedEvent]], ...
    ] = ()
    # The `kind`s its events may have, in order: the calendar's filter offers them.
    event_kinds: tuple[str, ...] = ()
    # Ability name -> the roles that have it (or a predicate of the Scope).
    abilities: Mapping[str, frozenset | Callable[[Scope], bool]] = field(default_factory=dict)
    audit_actions: type[models.TextChoices] | None = None
    schedules: tuple[Schedule, ...] = ()
    # Counts for the school's summary page (governors' counts; see SummaryFigures).
    summary_figures: tuple[SummaryFigures, ...] = ()
    # Each takes a scope and the pupils of a list page (the register's page of rows) and
    # returns {pupil id: [PupilNote, ...]} for the pupils it has something to say about:
    # one query for the whole list at most, none when it has nothing to look up.
    pupil_notes: tuple[Callable[[Scope, list], Mapping[int, list[PupilNote]]], ...] = ()
    # Each takes a scope and the `RegisterChange` just saved and returns a NextStep or None:
    # the first step any capability returns is where the register's change form goes next.
    after_register_change: tuple[Callable[[Scope, object], NextStep | None], ...] = ()
    # Each takes a scope and the pupils of My pupils or of class sheets (already limited to
    # those the person teaches or may print) and returns {pupil id: [TeacherSection, ...]}:
    # one query for all the pupils at most, whatever their number.
    for_teachers: tuple[Callable[[Scope, list], Mapping[int, list[TeacherSection]]], ...] = ()
    # Each takes a scope, what the records are ("ehcp_item": section F items of an EHC
    # plan; "cycle": cycles of the graduated approach), their ids and today, and returns
    # {id: [Delivery, ...]} for those something delivers: one or two queries for all the
    # ids. The plan's pages ask `registry.delivery_for`, so they import no capability.
    delivery: tuple[
        Callable[[Scope, str, list, datetime.date], Mapping[int, list[Delivery]]], ...
    ] = ()
    # Sections of a parent's page about their own child (see ParentPanel).
    parent_panels: tuple[ParentPanel, ...] = ()
    # Figures offered as evidence under the keys of EVIDENCE_KEYS (see Evidence).
    evidence: tuple[Evidence, ...] = ()


_CAPABILITIES: dict[str, Capability] = {}


def register(capability: Capability) -> None:
    """Declare what an app adds. Called once per app, from its AppConfig.ready()."""
    if capability.app in _CAPABILITIES:
        raise ValueError(f"{capability.app} is registered twice")
    for name, rule in capability.abilities.items():
        register_ability(name, rule)
    if capability.audit_actions is not None:
        register_actions(capability.audit_actions)
    _CAPABILITIES[capability.app] = capability


def capabilities() -> list[Capability]:
    return [_CAPABILITIES[name] for name in sorted(_CAPABILITIES)]


def _ordered(attribute: str) -> list:
    items = [(item, c.app) for c in capabilities() for item in getattr(c, attribute)]
    return [item for item, _ in sorted(items, key=lambda pair: (pair[0].order, pair[1]))]


def nav_items() -> list[NavItem]:
    return _ordered("nav")


def links_for(page: str, scope) -> list[PageLink]:
    """The links capabilities add to one place of a core page, for this person."""
    if not isinstance(scope, Scope):
        return []
    return [
        link for link in _ordered("page_links") if link.page == page and scope.may(link.ability)
    ]


def pupil_panels() -> list[PupilPanel]:
    return _ordered("pupil_panels")


@dataclass(frozen=True)
class Shown:
    """A panel or a to-do section with the context it computed for one person."""

    template: str
    context: dict


def panels_for(request, pupil, scope) -> dict[str, list[Shown]]:
    """The pupil page's panels this person sees, by slot, each with its context."""
    slots: dict[str, list[Shown]] = {"header": [], "main": []}
    for panel in pupil_panels():
        context = panel.context(request, pupil, scope)
        if context is not None:
            slots[panel.slot].append(Shown(panel.template, context))
    return slots


def parent_panels_for(pupil, contacts, today: datetime.date) -> list[Shown]:
    """The sections of a parent's page about their child, each with its context."""
    shown = []
    for panel in _ordered("parent_panels"):
        context = panel.context(pupil, contacts, today)
        if context is not None:
            shown.append(Shown(panel.template, context))
    return shown


def todo_for(scope, today: datetime.date) -> list[Shown]:
    """The "What needs doing" sections this person has at one school."""
    shown = []
    for section in todo_sections():
        context = section.context(scope, today)
        if context is not None:
            shown.append(Shown(section.template, context))
    return shown


def todo_sections() -> list[TodoSection]:
    return _ordered("todo")


def demo_builders() -> list[DemoBuilder]:
    return _ordered("demo")


def schedules() -> list[Schedule]:
    found = _ordered("schedules")
    names = [s.name for s in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"Schedules declared twice: {', '.join(duplicates)}")
    return found


SETTINGS = "settings"
# Listed under "Go to" on the home page only: not in the menu, not in School settings. An
# app gives an entry both a menu NavItem (for the roles with room in their menu) and a
# HOME_ONLY one (for everyone who may open it).
HOME_ONLY = "home"


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    current: bool = False


def settings_items_for(scope) -> list[NavItem]:
    """The School settings page's entries this person sees, in order."""
    if not isinstance(scope, Scope):
        return []
    return [i for i in nav_items() if i.group == SETTINGS and scope.may(i.ability)]


def menu_for(scope: Scope | None, current_url_name: str = "") -> list[MenuEntry]:
    """The school menu this person sees, in order: the top-level entries, then "School
    settings" when they have any of its pages. `current` marks the page they are on."""
    if not isinstance(scope, Scope):  # a page with no school, e.g. an error page
        return []
    entries = [
        MenuEntry(i.label, i.url_name, i.url_name == current_url_name)
        for i in nav_items()
        if not i.group and scope.may(i.ability)
    ]
    settings = settings_items_for(scope)
    if settings:
        inside = current_url_name == "school_settings" or any(
            i.url_name == current_url_name for i in settings
        )
        entries.append(MenuEntry("School settings", "school_settings", inside))
    return entries


def home_links_for(scope: Scope) -> list[NavItem]:
    """The "Go to" links of a school's section of the home page."""
    return [i for i in nav_items() if i.home_label and scope.may(i.ability)]


def home_sections_for(scope: Scope) -> list[tuple[str, list[NavItem]]]:
    """The "Go to" links grouped: those of no section first (heading ""), then each
    `home_section` in the order its first link comes."""
    sections: dict[str, list[NavItem]] = {"": []}
    for item in home_links_for(scope):
        sections.setdefault(item.home_section, []).append(item)
    return [(heading, items) for heading, items in sections.items() if items]


# The home page's heading for the pages of planning and reporting (issue 15).
STRATEGY = "Strategy and reporting"


# Who sees the School settings page: whoever may use one of the pages it lists.
register_ability("uses_school_settings", lambda scope: bool(settings_items_for(scope)))


def event_kinds() -> list[str]:
    """Every kind of dated event the apps declare, each once, for the calendar's filter."""
    return list(dict.fromkeys(kind for c in capabilities() for kind in c.event_kinds))


def events_for(
    scope: Scope,
    start: datetime.date,
    end: datetime.date,
    *,
    deadlines_only: bool = False,
    skip: Collection[Callable] = (),
) -> list[DatedEvent]:
    """Every dated event the scope may see between two days, by date; with
    `deadlines_only`, only those of the sources that may carry an urgency; never those of
    the sources in `skip` (a page that shows a source's records itself)."""
    found = [
        event
        for c in capabilities()
        for source in (c.deadline_events if deadlines_only else c.events)
        if source not in skip
        for event in source(scope, start, end)
    ]
    return sorted(found, key=lambda e: (e.date, e.title))


def pupil_notes_for(scope, pupils) -> dict[int, list[PupilNote]]:
    """The notes capabilities add beside these pupils on a list page, by pupil id."""
    if not isinstance(scope, Scope):
        return {}
    pupils = list(pupils)
    notes: dict[int, list[PupilNote]] = {}
    for c in capabilities():
        for source in c.pupil_notes:
            for pupil_id, found in source(scope, pupils).items():
                notes.setdefault(pupil_id, []).extend(found)
    return notes


def for_teachers(scope, pupils) -> dict[int, list[TeacherSection]]:
    """What capabilities add for these pupils' teachers on My pupils and class sheets, by
    pupil id, in the capabilities' order."""
    if not isinstance(scope, Scope):
        return {}
    pupils = list(pupils)
    found: dict[int, list[TeacherSection]] = {}
    if not pupils:
        return found
    for c in capabilities():
        for source in c.for_teachers:
            for pupil_id, sections in source(scope, pupils).items():
                found.setdefault(pupil_id, []).extend(sections)
    return found


def next_step_after_register_change(scope, change) -> NextStep | None:
    """Where the register's change form sends the person once a change is saved, when a
    capability needs something of them next (None: the pupil's page, as usual)."""
    for c in capabilities():
        for source in c.after_register_change:
            step = source(scope, change)
            if step is not None:
                return step
    return None


def summary_figures_for(school, today: datetime.date, *, suppress: bool) -> list[Shown]:
    """The counts capabilities add to a school's summary page, in order, each with its
    context; `suppress` for someone who sees no names."""
    shown = []
    for figures in _ordered("summary_figures"):
        context = figures.context(school, today, suppress)
        if context is not None:
            shown.append(Shown(figures.template, context))
    return shown


def delivery_for(scope, kind: str, ids, today: datetime.date) -> dict[int, list[Delivery]]:
    """How the records of a plan (`kind`: "ehcp_item" or "cycle") with these ids are being
    delivered, by id: what the capabilities that deliver provision report."""
    ids = list(ids)
    if not isinstance(scope, Scope) or not ids:
        return {}
    found: dict[int, list[Delivery]] = {}
    for c in capabilities():
        for source in c.delivery:
            for record_id, lines in source(scope, kind, ids, today).items():
                found.setdefault(record_id, []).extend(lines)
    return found


def evidence_for(
    keys: Iterable[str], school, today: datetime.date, *, suppress: bool
) -> dict[str, list[Figure]]:
    """The figures every app offers for each of `keys`, in order; a key nobody offers, or
    whose figures are empty, is left out."""
    wanted = list(dict.fromkeys(keys))
    unknown = [k for k in wanted if k not in EVIDENCE_KEYS]
    if unknown:
        raise ValueError(f"unknown evidence keys: {unknown}")
    found: dict[str, list[Figure]] = {}
    for item in _ordered("evidence"):
        if item.key in wanted:
            figures = item.figures(school, today, suppress)
            if figures:
                found.setdefault(item.key, []).extend(figures)
    return {k: found[k] for k in wanted if k in found}
