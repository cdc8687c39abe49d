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
from collections.abc import Callable, Iterable, Mapping
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
class Capability:
    app: str
    nav: tuple[NavItem, ...] = ()
    page_links: tuple[PageLink, ...] = ()
    pupil_panels: tuple[PupilPanel, ...] = ()
    todo: tuple[TodoSection, ...] = ()
    demo: tuple[DemoBuilder, ...] = ()
    # Each returns the dated events a scope may see between two days (inclusive).
    events: tuple[Callable[[Scope, datetime.date, datetime.date], Iterable[DatedEvent]], ...] = ()
    # Ability name -> the roles that have it (or a predicate of the Scope).
    abilities: Mapping[str, frozenset | Callable[[Scope], bool]] = field(default_factory=dict)
    audit_actions: type[models.TextChoices] | None = None
    schedules: tuple[Schedule, ...] = ()


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


# Who sees the School settings page: whoever may use one of the pages it lists.
register_ability("uses_school_settings", lambda scope: bool(settings_items_for(scope)))


def events_for(scope: Scope, start: datetime.date, end: datetime.date) -> list[DatedEvent]:
    """Every dated event the scope may see between two days, by date."""
    found = [
        event for c in capabilities() for source in c.events for event in source(scope, start, end)
    ]
    return sorted(found, key=lambda e: (e.date, e.title))
