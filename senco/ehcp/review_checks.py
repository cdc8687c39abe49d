"""What the annual review's services say about dates: the labels of the fields they check
(the same words as the forms', so a message names its field) and a collector of messages
by field."""

import datetime

from django.core.exceptions import ValidationError

REVIEW_LABELS = {
    "kind": "Kind of review",
    "next_setting": "Next school or college",
    "meeting_on": "Meeting date",
    "meeting_time": "Time and place",
    "advice_circulated_on": "Date the advice was circulated",
    "pupil_view": "The pupil's views",
    "parent_view": "The parents' views",
    "held_on": "Date the meeting was held",
    "attendees": "Who else attended",
    "progress": "Progress towards the outcomes",
    "recommendations": "Recommendations",
    "report_sent_on": "Date the report was sent",
    "decision": "The local authority's decision",
    "decision_on": "Date the decision was received",
    "proposals_on": "Date the proposed amendments were received",
    "final_plan_on": "Date the final amended plan was issued",
}
CONTRIBUTOR_LABELS = {
    "role": "Who they are",
    "name": "Name",
    "organisation": "Organisation or service",
    "email": "Email",
    "advice_requested_on": "Date advice was asked for",
    "advice_received_on": "Date advice was received",
    "advice": "Summary of their advice",
}


def day(value: datetime.date) -> str:
    return f"{value:%-d %B %Y}"


class Errors(dict):
    """{form field: message}, the first message of a field kept."""

    def add(self, name: str, message: str) -> None:
        self.setdefault(name, message)

    def not_future(self, name: str, value, today: datetime.date) -> None:
        if value and value > today:
            label = REVIEW_LABELS.get(name) or CONTRIBUTOR_LABELS[name]
            self.add(name, f"{label} must be today or in the past")

    def raise_any(self) -> None:
        if self:
            raise ValidationError(dict(self))
