"""Every form, sent with nothing filled in and with dates that are not dates, says what is
wrong the GOV.UK way: an error summary titled "There is a problem" whose links reach the
box at fault, each message naming its field and saying what to do, never Django's "This field
is required." and never a "---------" choice.

Each form is sent as a browser sends it with nothing typed: every text box and text area
empty, no radio or tick box chosen, each list on its first option. The forms are read from
the pages that show them, so a form whose boxes are not the ones its view reads fails too.

Forms that are complete with nothing typed are not here: the passport and profile (every
section is optional), the import's confirmation, and changing a member of staff (a role is
always chosen, the tick boxes may be left empty). Sent so, they are right to save.
"""

import datetime
import re
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import html5lib
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.lib.forms import GovukDateField
from senco.plans import services as plan_services
from senco.plans.models import ViewRequest
from senco.profiles.tests.conftest import save_passport
from senco.register.models import RegisterChange
from senco.register.services import register_change_record
from senco.testing import assert_valid_html

# Words a message may leave out of its field's label.
MINOR_WORDS = {"a", "an", "the", "of", "optional"}


@pytest.fixture
def world(senco, teacher, school, pupil, parent, parent_link):
    """An open cycle with a plan, a teacher asked for their view, a register change the
    parents have not been told of, a teaching assistant free to assign and a teaching group."""
    today = timezone.localdate()
    cycle = plan_services.cycle_start(actor=Actor(senco), pupil=pupil)
    plan_services.plan_save(
        actor=Actor(senco),
        cycle=cycle,
        outcomes=[("Reads a Year 5 text aloud", "Running record")],
        provision="Reading group",
        who_does_what="Mrs Khan",
        review_date=today + datetime.timedelta(days=40),
    )
    change = register_change_record(
        actor=Actor(senco),
        pupil=pupil,
        to_provision="E",
        to_primary_need="ASD",
        to_secondary_need="",
        reason="EHC plan issued",
        effective_date=today,
    )
    f.MembershipFactory(school=school, role="ta", user=f.UserFactory(username="free_ta"))
    return SimpleNamespace(
        urn=school.urn,
        pupil=pupil.pk,
        cycle=cycle.pk,
        change=change.pk,
        view_request=ViewRequest.objects.create(cycle=cycle, teacher=teacher).pk,
        group=f.TeachingGroupFactory(school=school, name="8B/Ma1").pk,
        people={"senco": senco, "teacher": teacher, "parent": parent},
        meeting_request=_meeting_request(pupil, parent_link, parent),
        invitation_token=_invitation_token(school, senco),
        letter_kind="joined_register",
        outcomes_attendance="attendance",
        outcomes_results="results",
        review_day=_review_day(school, senco, teacher),
        line_management_meeting=_line_management_meeting(school, senco),
        selfeval_set="compliance",
        selfeval_q="apdr",
        **_development_plan(school, senco),
        report=_report(school, senco),
        report_section="training",
    )


def _report(school, senco) -> int:
    from senco.lib.clock import academic_year_of
    from senco.reports.services import report_draft

    year = academic_year_of(timezone.localdate())
    report, _ = report_draft(
        actor=Actor(senco), school=school, kind="governors", academic_year=year
    )
    return report.pk


def _meeting_request(pupil, parent_link, parent) -> int:
    from senco.parents.models import MeetingRequest

    return MeetingRequest.objects.create(
        pupil=pupil, contact=parent_link["contact"], asked_by=parent, about="Homework"
    ).pk


def _invitation_token(school, senco) -> str:
    from senco.accounts.parent_invitations import invite

    pupil = f.SenPupilFactory(school=school, legal_surname="Invited", forename="Ivy")
    contact = f.ContactFactory(pupil=pupil, email="ivy.parent@example.org")
    sent = {}

    def link_for(token):
        sent["token"] = token
        return f"http://testserver/parent/join/{token}/"

    invite(actor=Actor(senco), contact=contact, link_for=link_for)
    return sent["token"]


def _development_plan(school, senco) -> dict:
    from senco.lib.clock import academic_year_of
    from senco.strategy.plan_services import action_add, priority_add

    year = academic_year_of(timezone.localdate())
    priority = priority_add(actor=Actor(senco), school=school, academic_year=year, title="P")
    action = action_add(actor=Actor(senco), priority=priority, what="A", owner=senco)
    return {"plan_year": year, "plan_priority": priority.pk, "plan_action": action.pk}


def _line_management_meeting(school, senco) -> int:
    from senco.strategy.meeting_questions import LINE_MANAGER
    from senco.strategy.meeting_services import meeting_add

    held_on = timezone.localdate()
    return meeting_add(actor=Actor(senco), school=school, kind=LINE_MANAGER, held_on=held_on).pk


def _review_day(school, senco, teacher) -> int:
    from senco.families.review_days_services import review_day_add

    return review_day_add(
        actor=Actor(senco),
        school=school,
        title="Review day",
        held_on=timezone.localdate(),
        starts_at=datetime.time(15, 30),
        ends_at=datetime.time(16, 30),
        rooms=[("Room 1", teacher)],
    ).pk


@dataclass(frozen=True)
class Form:
    """A form: the page that shows it, where it posts, and who fills it in."""

    name: str
    page: str  # URL name of the page showing the form, with the world's attributes as args
    args: tuple[str, ...] = ()
    action: str = ""  # URL name it posts to, when not the page itself
    action_args: tuple[str, ...] = ()
    query: str = ""
    who: str = "senco"  # "" for someone not signed in
    dates: bool = False  # it has a date input
    context: str = "form"  # its name in the page's context, where a page shows two forms

    def urls(self, world) -> tuple[str, str]:
        page = reverse(self.page, args=[getattr(world, a) for a in self.args]) + self.query
        if not self.action:
            return page, page
        return page, reverse(self.action, args=[getattr(world, a) for a in self.action_args])

    def client(self, world) -> Client:
        client = Client()
        if self.who:
            client.force_login(world.people[self.who])
        return client


FORMS = [
    Form("sign in", "login", who=""),
    Form("add staff", "staff_add", ("urn",)),
    Form("add a teaching group", "group_add", ("urn",)),
    Form("change a teaching group", "group_detail", ("urn", "group")),
    Form("term dates", "term_dates", ("urn",), dates=True),
    Form("import upload", "import_upload", ("urn",)),
    Form("register change", "register_change", ("pupil",), dates=True),
    Form("evidence", "plans_evidence_add", ("pupil", "cycle"), dates=True),
    Form("plan", "plans_plan", ("pupil", "cycle"), dates=True),
    Form("review", "plans_review", ("pupil", "cycle"), dates=True),
    Form("teacher's view", "plans_view_answer", ("view_request",), who="teacher"),
    Form(
        "note",
        "plans_cycle",
        ("pupil", "cycle"),
        action="plans_note_add",
        action_args=("pupil", "cycle"),
        dates=True,
    ),
    Form(
        "parents told of a change",
        "pupil_detail",
        ("pupil",),
        action="register_parents_told",
        action_args=("pupil", "change"),
        dates=True,
    ),
    Form(
        "parents told, everyone listed",
        "register",
        ("urn",),
        query="?not_told=on&show_all=on",
        action="register_parents_told_all",
        action_args=("urn",),
        dates=True,
    ),
    Form(
        "assign a teaching assistant",
        "pupil_detail",
        ("pupil",),
        action="pupil_support_add",
        action_args=("pupil",),
    ),
    Form(
        "add pupils to a group",
        "group_detail",
        ("urn", "group"),
        action="group_add_pupils",
        action_args=("urn", "group"),
        context="add_form",
    ),
    # The capabilities' forms that need only the school or the pupil.
    Form("EHC plan", "ehcp_plan_edit", ("pupil",), dates=True),
    Form("a task of the SENCO's year", "year_task_add", ("urn",), dates=True),
    Form("needs assessment request", "ehcp_request_add", ("pupil",), dates=True),
    Form("intervention", "provision_offer_add", ("urn",)),
    Form("intervention group", "provision_group_add", ("urn",), dates=True),
    Form("a pupil's score", "provision_score_add", ("urn",), dates=True),
    Form("contact", "contact_add", ("urn", "pupil")),
    Form("meeting with the family", "families_meeting_add", ("pupil",), dates=True),
    Form("review day", "families_review_day_add", ("urn",), dates=True),
    Form("change a review day", "families_review_day_change", ("urn", "review_day")),
    Form("letter to one family", "letters_send", ("pupil",), dates=True),
    Form("letter to many families", "letters_bulk", ("urn",)),
    Form("wording of a letter", "letters_wording_change", ("urn", "letter_kind")),
    Form("a section of a report", "reports_section_edit", ("urn", "report", "report_section")),
    # Bringing attendance and results in (senco/outcomes/import_views.py).
    Form("attendance upload", "outcomes_import_upload", ("urn", "outcomes_attendance"), dates=True),
    Form("results upload", "outcomes_import_upload", ("urn", "outcomes_results"), dates=True),
    Form("a subject results are in", "outcomes_subjects", ("urn",)),
    Form("a school's own scale", "outcomes_scales", ("urn",)),
    # Parents' own pages, the join page of an invitation and the SENCO's answer.
    Form("a parent's views", "parent_views_add", ("pupil",), who="parent"),
    Form("a parent asks for a meeting", "parent_meeting_ask", ("pupil",), who="parent"),
    Form("a parent's answer", "parents_request_answer", ("pupil", "meeting_request")),
    Form("joining from an invitation", "parent_join", ("invitation_token",), who=""),
    # Line management meetings (senco/strategy/meeting_forms.py).
    Form(
        "line management meeting",
        "strategy_meeting_new",
        ("urn",),
        query="?kind=line_manager",
        dates=True,
    ),
    Form(
        "change a line management meeting",
        "strategy_meeting_edit",
        ("urn", "line_management_meeting"),
        dates=True,
    ),
    # The SEND development plan (senco/strategy/plan_forms.py).
    Form("development plan priority", "strategy_priority_add", ("urn", "plan_year")),
    Form("development plan action", "strategy_action_add", ("urn", "plan_priority"), dates=True),
    Form("change a development plan action", "strategy_action_edit", ("urn", "plan_action")),
    Form("update a development plan action", "strategy_action_update", ("urn", "plan_action")),
    Form("development plan evidence", "strategy_evidence_add", ("urn", "plan_action")),
    # The self-evaluation (senco/strategy/selfeval_forms.py).
    Form(
        "self-evaluation answer", "strategy_selfeval_answer", ("urn", "selfeval_set", "selfeval_q")
    ),
]
WITH_DATES = [form for form in FORMS if form.dates]


# --- Reading pages -----------------------------------------------------------------------


def _parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def _find_form(page, page_url: str, action: str):
    for form in page.iter("form"):
        posts_to = urlsplit(form.get("action") or page_url)
        if form.get("method", "get").lower() == "post" and posts_to.path == urlsplit(action).path:
            return form, (form.get("action") or page_url)
    raise AssertionError(f"No form posting to {action} on {page_url}")


def nothing_typed(form) -> dict[str, str]:
    """What a browser sends for `form` when the person fills nothing in."""
    data = {}
    for control in form.iter():
        name = control.get("name")
        if not name:
            continue
        kind = control.get("type", "text")
        if control.tag == "input" and kind == "hidden":
            data[name] = control.get("value", "")
        elif control.tag == "textarea" or (
            control.tag == "input" and kind not in ("checkbox", "radio", "submit", "file")
        ):
            data[name] = ""
        elif control.tag == "select":
            data[name] = next(iter(control.iter("option"))).get("value", "")
    return data


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", str(text).lower()))


def names(message: str, label: str) -> bool:
    """The message names the field: every word of its label that matters is in it."""
    return _words(label) - MINOR_WORDS <= _words(message)


def _send(client, world, form: Form, fill=None):
    page_url, action = form.urls(world)
    page = client.get(page_url)
    assert page.status_code == 200
    assert b"---------" not in page.content
    html_form, action = _find_form(_parse(page), page_url, action)
    data = nothing_typed(html_form)
    if fill:
        data.update(fill(data))
    return client.post(action, data)


def _summary_links(page) -> list[str]:
    for div in page.iter("div"):
        if "govuk-error-summary" in (div.get("class") or "").split():
            return [a.get("href") for a in div.iter("a")]
    raise AssertionError("No error summary")


def _by_id(page, element_id: str):
    return next((e for e in page.iter() if e.get("id") == element_id), None)


def _assert_gov_uk_errors(response, spec):
    """The page shows the form again with GOV.UK's error summary; each message names its
    field, and each link reaches a box of the form."""
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "This field is required" not in content
    assert "---------" not in content
    assert_valid_html(response)
    form = response.context[spec.context]
    assert form.errors
    for name, messages in form.errors.items():
        if name == "__all__":
            continue
        for message in messages:
            assert names(message, form.fields[name].label), (name, message)
    page = _parse(response)
    for href in _summary_links(page):
        target = _by_id(page, href.removeprefix("#"))
        assert target is not None and target.tag in ("input", "select", "textarea"), href
    return form, page


# --- Sent empty ----------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)
def test_an_empty_form_names_each_field_and_says_what_to_do(form, world):
    response = _send(form.client(world), world, form)
    # Every form, even one inside a bigger page, comes back with its errors beside its
    # fields and what was typed kept.
    _assert_gov_uk_errors(response, form)


# --- Dates that are not dates ---------------------------------------------------------------


def _boxes(typed):
    def fill(data):
        return {
            name: typed[name.rsplit("-", 1)[1]]
            for name in data
            if name.endswith(("-day", "-month", "-year"))
        }

    return fill


@pytest.mark.parametrize(
    ("typed", "problem", "at_fault"),
    [
        ({"day": "31", "month": "2", "year": "2026"}, "must be a real date", {"day"}),
        ({"day": "3", "month": "", "year": ""}, "must include a month", {"month", "year"}),
        ({"day": "3", "month": "13", "year": "2026"}, "must be a real date", {"month"}),
        ({"day": "3", "month": "2", "year": "26"}, "must include a year with 4 numbers", {"year"}),
    ],
    ids=["31 February", "day only", "month 13", "two-figure year"],
)
@pytest.mark.parametrize("form", WITH_DATES, ids=lambda form: form.name)
def test_a_date_that_is_not_a_date_is_explained(form, typed, problem, at_fault, world):
    response = _send(form.client(world), world, form, fill=_boxes(typed))
    bound, page = _assert_gov_uk_errors(response, form)
    dates = [name for name, field in bound.fields.items() if isinstance(field, GovukDateField)]
    assert dates
    links = _summary_links(page)
    for name in dates:
        field = bound[name]
        assert [f"{field.label} {problem}" in m for m in bound.errors[name]] == [True], (
            bound.errors[name]
        )
        # Only the boxes at fault are marked, and the summary links to the first of them.
        marked = {
            part
            for part in ("day", "month", "year")
            if "govuk-input--error" in _by_id(page, f"{field.auto_id}-{part}").get("class")
        }
        assert marked == at_fault
        first = next(p for p in ("day", "month", "year") if p in at_fault)
        assert f"#{field.auto_id}-{first}" in links
        # What was typed is kept.
        assert _by_id(page, f"{field.auto_id}-day").get("value") == typed["day"]


def test_the_date_the_boxes_hold_is_read(world):
    """The boxes as typed reach the service, with a leading zero and the month as a word."""
    form = next(form for form in FORMS if form.name == "parents told of a change")
    told = timezone.localdate().replace(day=1)
    typed = {"day": "01", "month": told.strftime("%B"), "year": str(told.year)}
    _send(form.client(world), world, form, fill=_boxes(typed))
    assert RegisterChange.objects.get(pk=world.change).parents_told_on == told


def test_comparing_versions_says_which_to_choose(client_for, senco, pupil):
    """The passport's compare form is sent by GET, and names its fields the same way."""
    save_passport(pupil, senco, what_helps_me="A")
    save_passport(pupil, senco, what_helps_me="B")
    url = reverse("passport_compare", args=[pupil.pk])
    response = client_for(senco).get(url, {"old": "", "new": ""})
    form, _page = _assert_gov_uk_errors(response, Form("compare", "passport_compare"))
    assert form.errors["old"] == ["Choose the version to compare"]
    assert form.errors["new"] == ["Choose the version to compare it with"]
