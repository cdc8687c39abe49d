"""Recording line management meetings: the agenda from the open actions, the evidence
beside the questions (hidden small numbers for the link governor's), new actions, lost
updates, actions done and opened again, and the calendar."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.lib.forms import date_data
from senco.registry import Figure, event_kinds
from senco.strategy import meeting_selectors
from senco.strategy import meeting_services as services
from senco.strategy.audit import StrategyAction
from senco.strategy.meeting_hooks import MEETING_ACTIONS, meeting_action_events
from senco.strategy.meeting_questions import LINE_MANAGER, LINK_GOVERNOR, MEETING_KINDS
from senco.strategy.models import Meeting, MeetingAction, MeetingAnswer
from senco.strategy.tests.meeting_fixtures import gov_meeting, lm_meeting  # noqa: F401
from senco.testing import assert_valid_html

TODAY = timezone.localdate


@pytest.fixture
def offered(monkeypatch):
    """Figures for every evidence key asked for, as an app would offer them: one small
    count, which reads "hidden" when small numbers are suppressed. Records each call."""
    calls = []

    def fake(keys, school, today, *, suppress):
        keys = list(keys)
        calls.append({"keys": keys, "suppress": suppress})
        return {
            key: [
                Figure(
                    label=f"Figure for {key}",
                    value="hidden" if suppress else "3",
                    url=f"/school/{school.urn}/register/",
                    national="12.2%" if key == "register" else "",
                    source="SEND Code of Practice 6.1" if key == "register" else "",
                )
            ]
            for key in keys
        }

    monkeypatch.setattr(meeting_selectors, "evidence_for", fake)
    return calls


def _new_url(school, kind="line_manager"):
    return reverse("strategy_meeting_new", args=[school.urn]) + f"?kind={kind}"


def _data(day=None, rows=3, **extra):
    data = {
        **date_data("held_on", day or TODAY()),
        "who_was_there": "Ms Lead, Mr Senco",
        "rows": str(rows),
        "version": "",
    }
    for n in range(rows):
        data.update({f"new-{n}-what": "", f"new-{n}-owner": "", f"new-{n}-owner_name": ""})
        data.update(date_data(f"new-{n}-due", None))
    data.update(extra)
    return data


# ---- The questions ------------------------------------------------------------------------


def test_the_questions_are_data_with_their_sources():
    assert list(MEETING_KINDS) == ["principal", "line_manager", "link_governor"]
    for kind in MEETING_KINDS.values():
        assert kind.questions and kind.label
        for area in kind.areas:
            assert "Toolkit for Effective Line Management of SENDCos" in area.source
    # The link governor's areas are the toolkit's questions for link SEND councillors.
    assert "Link SEND Councillors" in LINK_GOVERNOR.areas[0].source
    assert LINK_GOVERNOR.ability == "records_governor_meetings"
    assert "register" in LINE_MANAGER.evidence_keys


# ---- A new meeting ------------------------------------------------------------------------


def test_the_agenda_starts_from_the_open_actions_and_shows_the_evidence(
    client_for,
    leader,
    school,
    offered,
    lm_meeting,  # noqa: F811
    gov_meeting,  # noqa: F811
):
    response = client_for(leader).get(_new_url(school))
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    # The open actions of the last line manager meetings come first, the done one not at
    # all, nor the link governor meeting's action.
    agenda = content.index('id="agenda"')
    assert agenda < content.index("What does the data tell you")
    assert content.index("Review the provision map") > agenda
    assert "Ask the trust about supervision" in content
    assert "Book the training for TAs" not in content
    assert "Report to the board" not in content
    assert "Overdue" in content
    # The evidence beside a question: exact figures for the SENCO's line manager.
    assert offered == [{"keys": LINE_MANAGER.evidence_keys, "suppress": False}]
    assert "Figure for register" in content and "England: 12.2%" in content
    assert f'href="/school/{school.urn}/register/"' in content
    assert "SEND Code of Practice 6.1" in content
    assert AuditEvent.objects.filter(
        user=leader, school=school, action=StrategyAction.MEETING_FORM_VIEW
    ).exists()


def test_saving_records_answers_figures_closed_and_new_actions(
    client_for,
    leader,
    senco,
    school,
    offered,
    lm_meeting,  # noqa: F811
):
    provision_map = lm_meeting.actions.get(what="Review the provision map")
    supervision = lm_meeting.actions.get(what="Ask the trust about supervision")
    data = _data(
        **{
            f"done-{provision_map.pk}": "done",
            f"note-{provision_map.pk}": "Shared with the finance manager",
            f"done-{supervision.pk}": "open",
            "q-lm.needs.data": "Two more pupils at SEN support.",
            "q-lm.wellbeing.workload": "  ",
            "notes": "Next meeting in six weeks.",
            "new-0-what": "Plan the spring term's learning walks",
            "new-0-owner": str(senco.pk),
            **date_data("new-0-due", TODAY() + datetime.timedelta(days=30)),
            "new-1-what": "Ask the local authority about the Local Offer",
            "new-1-owner_name": "Trust SEND lead",
            **date_data("new-1-due", TODAY() + datetime.timedelta(days=60)),
        }
    )
    response = client_for(leader).post(_new_url(school), data)
    meeting = Meeting.objects.exclude(pk=lm_meeting.pk).get()
    assert response.status_code == 302
    assert response.url == reverse("strategy_meeting", args=[school.urn, meeting.pk])
    assert meeting.kind == "line_manager" and meeting.held_on == TODAY()
    assert meeting.created_by == leader and meeting.notes == "Next meeting in six weeks."
    assert {a.question: a.answer for a in meeting.answers.all()} == {
        "lm.needs.data": "Two more pupils at SEN support."
    }
    # The figures shown, as they were.
    assert {row["key"] for row in meeting.data_shown} == set(LINE_MANAGER.evidence_keys)
    assert meeting.data_shown[0]["value"] == "3"
    provision_map.refresh_from_db()
    supervision.refresh_from_db()
    assert provision_map.done_at is not None
    assert provision_map.closed_at_meeting == meeting
    assert provision_map.done_note == "Shared with the finance manager"
    assert supervision.done_at is None
    new = list(meeting.actions.order_by("pk"))
    assert [(a.what, a.owner, a.owner_name) for a in new] == [
        ("Plan the spring term's learning walks", senco, ""),
        ("Ask the local authority about the Local Offer", None, "Trust SEND lead"),
    ]
    event = AuditEvent.objects.get(
        action=StrategyAction.MEETING_ADD, user=leader, detail__meeting_id=meeting.pk
    )
    assert event.school == school and event.pupil is None
    assert event.detail["closed_actions"] == [provision_map.pk]
    # The record as it was.
    page = client_for(leader).get(response.url)
    assert_valid_html(page)
    content = page.content.decode()
    assert "Two more pupils at SEN support." in content
    assert "Shared with the finance manager" in content
    assert "Figure for register" in content
    assert "Plan the spring term&#x27;s learning walks" in content
    assert "senco-print-record" in content  # printed without the menus and forms


def test_a_link_governor_meeting_hides_small_numbers_whoever_records_it(
    client_for, senco, governor, school, offered
):
    response = client_for(senco).get(_new_url(school, "link_governor"))
    assert offered[-1]["suppress"] is True
    assert "Figures from 1 to 4" in response.content.decode()
    assert ">hidden<" in response.content.decode()
    # The governor records one: the figures kept are the hidden ones, and no link to a
    # page the governor may not open is shown.
    response = client_for(governor).post(
        _new_url(school, "link_governor"), _data(**{"q-gov.percent.trends": "Up a little."})
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.kind == "link_governor"
    assert {row["value"] for row in meeting.data_shown} == {"hidden"}
    page = client_for(governor).get(response.url)
    assert_valid_html(page)
    assert f'href="/school/{school.urn}/register/"' not in page.content.decode()
    assert "Figure for register" in page.content.decode()
    # The SENCO may open the register, so sees the link.
    page = client_for(senco).get(response.url)
    assert f'href="/school/{school.urn}/register/"' in page.content.decode()


def test_add_another_action_keeps_what_was_typed_and_saves_nothing(
    client_for, senco, school, offered
):
    data = _data(**{"new-0-what": "First thing", "q-lm.needs.data": "Typed"}, add_row="1")
    data.update(date_data("held_on", None))  # would be an error, but nothing is checked
    response = client_for(senco).post(_new_url(school), data)
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert 'name="new-3-what"' in content and 'name="new-4-what"' not in content
    assert 'name="rows" value="4"' in content
    assert 'value="First thing"' in content and ">Typed</textarea>" in content
    assert "There is a problem" not in content
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"new-0-owner_name": "Someone"}, "Enter what needs doing for action 1"),
        ({"new-0-what": "A thing"}, "Choose who will do action 1, or type their name"),
        (
            {"new-0-what": "A thing", "new-0-owner_name": "Someone", "owner": True},
            "Choose who will do action 1 from the list or type their name, not both",
        ),
        ({"new-0-what": "A thing", "new-0-owner_name": "Someone"}, "Enter the date action 1"),
    ],
)
def test_an_action_needs_what_who_and_when(client_for, senco, school, offered, row, message):
    row = dict(row)
    if row.pop("owner", False):
        row["new-0-owner"] = str(senco.pk)
    response = client_for(senco).post(_new_url(school), _data(**row))
    assert response.status_code == 200
    assert_valid_html(response)
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_in_the_future_and_an_owner_from_elsewhere_are_refused(
    client_for, senco, school, offered, outsider
):
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = client_for(senco).post(_new_url(school), _data(tomorrow))
    assert "The date of the meeting must be today or in the past" in response.content.decode()
    data = _data(
        **{"new-0-what": "X", "new-0-owner": str(outsider.pk), **date_data("new-0-due", TODAY())}
    )
    response = client_for(senco).post(_new_url(school), data)
    assert "Choose who will do action 1 from the list" in response.content.decode()
    assert not Meeting.objects.exists()


# ---- Changing a record, and its actions ---------------------------------------------------------


def test_changing_a_meeting_keeps_the_figures_and_refuses_a_lost_update(
    client_for,
    senco,
    leader,
    school,
    lm_meeting,  # noqa: F811
):
    url = reverse("strategy_meeting_edit", args=[school.urn, lm_meeting.pk])
    page = client_for(senco).get(url)
    assert_valid_html(page)
    assert "Numbers are steady." in page.content.decode()
    opened = str(lm_meeting.version)
    data = _data(
        lm_meeting.held_on,
        rows=1,
        version=opened,
        **{"q-lm.needs.data": "Numbers are rising.", "q-lm.wellbeing.time": ""},
    )
    assert client_for(leader).post(url, data).status_code == 302
    lm_meeting.refresh_from_db()
    assert lm_meeting.version == 2
    assert list(
        MeetingAnswer.objects.filter(meeting=lm_meeting).values_list("answer", flat=True)
    ) == ["Numbers are rising."]
    assert lm_meeting.data_shown[0]["value"] == "47"
    # The SENCO, who opened the form at version 1, is told and sees what changed.
    data["q-lm.needs.data"] = "Numbers are falling."
    response = client_for(senco).post(url, data)
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert "Someone else changed this since you opened it" in content
    assert "Numbers are rising." in content and "Numbers are falling." in content
    assert AuditEvent.objects.filter(action=StrategyAction.MEETING_SAVE, user=leader).exists()
    # Saving again, once merged, works.
    data["version"] = "2"
    assert client_for(senco).post(url, data).status_code == 302


def test_an_action_is_done_with_a_note_and_opened_again(
    client_for,
    senco,
    leader,
    school,
    lm_meeting,  # noqa: F811
):
    action = lm_meeting.actions.get(what="Review the provision map")
    url = reverse("strategy_meeting_action", args=[school.urn, action.pk])
    response = client_for(senco).post(
        url, {"change": "done", "note": "Done in October", "version": str(action.version)}
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#action-{action.pk}")
    action.refresh_from_db()
    assert action.done_at is not None and action.done_note == "Done in October"
    # A stale form is refused with a message; the action stays as it is.
    response = client_for(leader).post(url, {"change": "reopen", "version": "1"}, follow=True)
    assert "Someone else changed this since you opened it" in response.content.decode()
    action.refresh_from_db()
    assert action.done_at is not None
    response = client_for(leader).post(
        url, {"change": "reopen", "version": str(action.version), "back": "list"}
    )
    assert response.url.startswith(reverse("strategy_meetings", args=[school.urn]))
    action.refresh_from_db()
    assert action.done_at is None
    assert AuditEvent.objects.filter(action=StrategyAction.MEETING_ACTION_DONE).count() == 2
    assert AuditEvent.objects.filter(action=StrategyAction.MEETING_ACTION_REOPEN).count() == 1
    response = client_for(leader).post(url, {"change": "sideways"}, follow=True)
    assert "Choose one of the options" in response.content.decode()


# ---- The list -------------------------------------------------------------------------


def test_the_list_shows_meetings_newest_first_and_the_open_actions(
    client_for,
    leader,
    school,
    lm_meeting,  # noqa: F811
    gov_meeting,  # noqa: F811
):
    response = client_for(leader).get(reverse("strategy_meetings", args=[school.urn]))
    assert_valid_html(response)
    content = response.content.decode()
    assert content.index("Review the provision map") < content.index("Ask the trust")
    assert "1 overdue" in content
    meetings = content[content.index('id="meetings"') :]
    assert meetings.index("Link governor") < meetings.index("Line manager")
    assert AuditEvent.objects.filter(action=StrategyAction.MEETINGS_VIEW, user=leader).exists()


def _more_meetings(school, leader, n):
    for i in range(n):
        services.meeting_add(
            actor=Actor(leader),
            school=school,
            kind=LINE_MANAGER,
            held_on=TODAY() - datetime.timedelta(days=40 + i),
            who_was_there="Us",
            answers={"lm.needs.data": "x"},
            new_actions=[services.NewAction(f"Thing {i}", owner=leader, due=TODAY())],
        )


@pytest.mark.parametrize("name", ["strategy_meetings", "strategy_meeting_new"])
def test_query_counts_do_not_grow_with_meetings(
    name, client_for, leader, school, django_assert_max_num_queries, offered
):
    client = client_for(leader)
    url = reverse(name, args=[school.urn]) + ("?kind=line_manager" if "new" in name else "")
    _more_meetings(school, leader, 2)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    _more_meetings(school, leader, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["strategy_meeting", "strategy_meeting_edit"])
def test_the_record_and_its_form_cost_the_same_with_more_actions(
    name,
    client_for,
    leader,
    school,
    lm_meeting,  # noqa: F811
    django_assert_max_num_queries,
):
    client = client_for(leader)
    url = reverse(name, args=[school.urn, lm_meeting.pk])
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    MeetingAction.objects.bulk_create(
        [MeetingAction(meeting=lm_meeting, what=f"More {i}", owner=leader) for i in range(15)]
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


# ---- The calendar ----------------------------------------------------------------------


def _scope(user, school):
    from senco.access import scope_at

    return scope_at(user, school)


def test_open_actions_with_a_date_are_in_the_calendar(
    senco,
    teacher,
    other_teacher,
    governor,
    school,
    lm_meeting,  # noqa: F811
    gov_meeting,  # noqa: F811
):
    start, end = TODAY() - datetime.timedelta(days=60), TODAY() + datetime.timedelta(days=60)
    events = list(meeting_action_events(_scope(senco, school), start, end))
    assert sorted(e.title for e in events) == [
        "Action from the line manager meeting: Review the provision map",
        "Action from the link governor meeting: Report to the board",
    ]
    assert {e.kind for e in events} == {MEETING_ACTIONS}
    assert MEETING_ACTIONS in event_kinds()
    assert all(e.url.startswith(f"/school/{school.urn}/meetings/") for e in events)
    assert {e.owner_id for e in events} == {senco.pk, governor.pk}
    # A governor: only the link governor meeting's.
    events = list(meeting_action_events(_scope(governor, school), start, end))
    assert [e.title for e in events] == [
        "Action from the link governor meeting: Report to the board"
    ]
    # A teacher sees only an action they own, with no link.
    assert list(meeting_action_events(_scope(teacher, school), start, end)) == []
    MeetingAction.objects.create(
        meeting=lm_meeting, what="Try the new seating plan", owner=teacher, due=TODAY()
    )
    events = list(meeting_action_events(_scope(teacher, school), start, end))
    assert [(e.title, e.url) for e in events] == [
        ("Action from the line manager meeting: Try the new seating plan", "")
    ]
    assert list(meeting_action_events(_scope(other_teacher, school), start, end)) == []


def test_the_calendars_actions_are_one_query_written_once_for_everyone(
    senco,
    leader,
    teacher,
    governor,
    school,
    django_assert_num_queries,
    lm_meeting,  # noqa: F811
    gov_meeting,  # noqa: F811
):
    """Whoever reads meetings (every kind, or the link governor's only) and whoever only
    owns actions: one query each, with SQL written once (senco/lib/prepared.py), and the
    same actions, in the same order, as the meetings' own list or the person's own."""
    from senco.lib.prepared import Prepared
    from senco.strategy import meeting_hooks

    MeetingAction.objects.create(
        meeting=lm_meeting, what="Try the new seating plan", owner=teacher, due=TODAY()
    )
    MeetingAction.objects.create(
        meeting=gov_meeting, what="Visit a lesson", owner=governor, due=TODAY()
    )
    start, end = TODAY() - datetime.timedelta(days=60), TODAY() + datetime.timedelta(days=60)
    prepared: list[Prepared] = [meeting_hooks._readable_actions, meeting_hooks._owned_actions]
    for query in prepared:
        query.forget()
    for user in (senco, leader, governor, teacher):
        scope = _scope(user, school)
        with django_assert_num_queries(1):
            events = list(meeting_action_events(scope, start, end))
        if scope.may("records_governor_meetings"):
            expected = meeting_selectors.open_actions(scope).filter(due__gte=start, due__lte=end)
        else:
            expected = MeetingAction.objects.filter(
                owner=user, done_at__isnull=True, due__gte=start, due__lte=end
            ).order_by("due", "pk")
        assert [e.uid for e in events] == [f"strategy.meeting_action.{a.pk}" for a in expected]
        assert events  # each of them has an action to see
    # The SENCO's and leader's two kinds, the governor's one, the teacher's own actions.
    assert [len(query._plans) for query in prepared] == [2, 1]
    assert not any(query.refused() for query in prepared)


def test_the_link_check_follows_each_pages_access_policy(senco, governor, school, pupil):
    register = reverse("register", args=[school.urn])
    summary = reverse("register_summary", args=[school.urn])
    pupil_page = reverse("pupil_detail", args=[pupil.pk])
    other = f.SchoolFactory(urn="555555")
    for user, expected in ((senco, [True, True, True]), (governor, [False, True, False])):
        check = meeting_selectors.LinkCheck(_scope(user, school))
        assert [check(register), check(summary), check(pupil_page)] == expected
        assert not check("https://example.org/") and not check("//example.org/")
        assert not check("/nowhere/") and not check(reverse("register", args=[other.urn]))


@pytest.mark.parametrize("rows", ["abc", "-5", "99999", "", "1e9"])
def test_any_count_of_rows_gives_a_form(client_for, senco, school, offered, rows):
    data = _data(rows=1, add_row="1")
    data["rows"] = rows
    response = client_for(senco).post(_new_url(school), data)
    assert response.status_code == 200
    assert 'name="new-20-what"' not in response.content.decode()
    assert not Meeting.objects.exists()
