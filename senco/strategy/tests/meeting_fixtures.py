"""Fixtures of the line management meetings' tests: a line manager meeting last month
with three actions (one done, one open and overdue, one open with no date) and a link
governor meeting with one open action. Import them by name."""

import datetime

import pytest
from django.utils import timezone

from senco.audit.actor import Actor
from senco.strategy import meeting_services as services
from senco.strategy.meeting_questions import LINE_MANAGER, LINK_GOVERNOR
from senco.strategy.meeting_services import NewAction


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def lm_meeting(senco, leader, school):
    meeting = services.meeting_add(
        actor=Actor(leader),
        school=school,
        kind=LINE_MANAGER,
        held_on=_days(-30),
        who_was_there="Ms Lead (line manager), Mr Senco (SENCO)",
        answers={"lm.needs.data": "Numbers are steady.", "lm.wellbeing.time": "Two days a week."},
        data_shown=[
            {"key": "register", "label": "Pupils on the SEN register", "value": "47", "url": ""}
        ],
        new_actions=[
            NewAction("Book the training for TAs", owner=leader, due=_days(-20)),
            NewAction("Review the provision map", owner=senco, due=_days(-5)),
            NewAction("Ask the trust about supervision", owner_name="Trust SEND lead"),
        ],
    )
    done = meeting.actions.get(what="Book the training for TAs")
    services.action_done(actor=Actor(leader), action=done, note="Booked for January")
    return meeting


@pytest.fixture
def gov_meeting(senco, governor, school):
    return services.meeting_add(
        actor=Actor(senco),
        school=school,
        kind=LINK_GOVERNOR,
        held_on=_days(-10),
        who_was_there="Mrs Governor, Mr Senco",
        answers={"gov.percent.trends": "Steady."},
        new_actions=[NewAction("Report to the board", owner=governor, due=_days(20))],
    )
