"""The forms of line management meetings. Every query parameter comes through a form.

`MeetingForm` is one form for a whole meeting: the date, who was there, the earlier
meetings' open actions (each done with a note, or carried on), an answer box for each
question of the kind, notes, and a few rows for the actions agreed ("Add another action"
adds a row without JavaScript: the page comes back with one more row and nothing lost).
"""

from django import forms
from django.forms.utils import ErrorDict

from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin
from senco.strategy.meeting_questions import MEETING_KINDS, MeetingKind
from senco.strategy.meeting_services import NewAction

# Rows for new actions on a new meeting's form, and at most after "Add another action".
NEW_ROWS = 3
EDIT_ROWS = 1
MAX_ROWS = 20
CARRY_ON, DONE = "open", "done"


def person(user) -> str:
    return user.get_full_name() or user.username


class KindForm(forms.Form):
    """The `kind` of a new meeting, from the query string."""

    kind = forms.ChoiceField(choices=[(key, kind.label) for key, kind in MEETING_KINDS.items()])

    def key(self) -> str:
        return self.cleaned_data["kind"] if self.is_valid() else ""


def rows_from(data, default: int) -> int:
    """How many rows for new actions the form posted had, one more after "Add another
    action"; `default` for a form not posted or a count that is not one."""
    if data is None:
        return default
    try:
        rows = int(data.get("rows", default))
    except (TypeError, ValueError):
        rows = default
    if "add_row" in data:
        rows += 1
    return max(1, min(rows, MAX_ROWS))


class MeetingForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    held_on = GovukDateField(label="Date of the meeting")
    who_was_there = forms.CharField(
        label="Who was there",
        max_length=500,
        help_text="For example: Ms Patel (deputy head, line manager), Mr Jones (SENCO).",
        error_messages={"required": "Enter who was there"},
    )
    notes = forms.CharField(
        label="Other notes (optional)", widget=forms.Textarea, max_length=10_000, required=False
    )

    def __init__(self, *args, kind: MeetingKind, staff, agenda=(), rows: int = NEW_ROWS, **kw):
        super().__init__(*args, **kw)
        self.kind = kind
        self.rows = rows
        self.agenda = list(agenda)
        for action in self.agenda:
            self.fields[f"done-{action.pk}"] = forms.ChoiceField(
                label=f"What happened to the action: {action.what[:200]}",
                choices=[(CARRY_ON, "Not done yet: carry it on"), (DONE, "Done")],
                widget=forms.RadioSelect,
                required=False,
                initial=CARRY_ON,
            )
            self.fields[f"note-{action.pk}"] = forms.CharField(
                label="What was done (optional)", max_length=2000, required=False
            )
        for question in kind.questions:
            self.fields[f"q-{question.key}"] = forms.CharField(
                label=question.text,
                widget=forms.Textarea,
                max_length=10_000,
                required=False,
            )
        for n in range(rows):
            number = n + 1
            self.fields[f"new-{n}-what"] = forms.CharField(
                label=f"Action {number}: what needs doing",
                max_length=1000,
                required=False,
            )
            owner = forms.ModelChoiceField(
                label=f"Who will do action {number}",
                queryset=staff,
                required=False,
                empty_label="Choose a member of staff",
                error_messages={
                    "invalid_choice": f"Choose who will do action {number} from the list"
                },
            )
            owner.label_from_instance = person
            self.fields[f"new-{n}-owner"] = owner
            self.fields[f"new-{n}-owner_name"] = forms.CharField(
                label=f"Or the name of who will do action {number}, if not on the list",
                max_length=120,
                required=False,
            )
            self.fields[f"new-{n}-due"] = GovukDateField(
                label=f"Date action {number} is due by", required=False
            )

    # ---- What the template draws ---------------------------------------------------------

    def agenda_rows(self) -> list[dict]:
        """Each open action with its radios, "Done" revealing the note."""
        rows = []
        for action in self.agenda:
            field = self[f"done-{action.pk}"]
            items = field.radio_items
            chosen = str(field.value() or CARRY_ON)
            for item in items:
                item["checked"] = str(item["value"]) == chosen
                if item["value"] == DONE:
                    item["reveal"] = [self[f"note-{action.pk}"]]
            rows.append({"action": action, "field": field, "items": items})
        return rows

    def action_rows(self) -> list[dict]:
        return [
            {
                "number": n + 1,
                "what": self[f"new-{n}-what"],
                "owner": self[f"new-{n}-owner"],
                "owner_name": self[f"new-{n}-owner_name"],
                "due": self[f"new-{n}-due"],
            }
            for n in range(self.rows)
        ]

    def without_errors(self) -> None:
        """Show what was posted without checking it: after "Add another action"."""
        self._errors = ErrorDict()
        self.cleaned_data = {}

    # ---- Checking ------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        for n in range(self.rows):
            number = n + 1
            what = cleaned.get(f"new-{n}-what")
            owner = cleaned.get(f"new-{n}-owner")
            owner_name = cleaned.get(f"new-{n}-owner_name")
            due_name = f"new-{n}-due"
            due_typed = due_name in self.errors or cleaned.get(due_name) is not None
            if not what and (owner or owner_name or due_typed):
                self.add_error(f"new-{n}-what", f"Enter what needs doing for action {number}")
            if not what:
                continue
            if owner and owner_name:
                self.add_error(
                    f"new-{n}-owner",
                    f"Choose who will do action {number} from the list or type their name, "
                    "not both",
                )
            elif not owner and not owner_name and f"new-{n}-owner" not in self.errors:
                self.add_error(
                    f"new-{n}-owner", f"Choose who will do action {number}, or type their name"
                )
            if due_name not in self.errors and cleaned.get(due_name) is None:
                self.add_error(due_name, f"Enter the date action {number} is due by")
        return cleaned

    # ---- What the service takes -------------------------------------------------------------

    def answers(self) -> dict[str, str]:
        return {q.key: self.cleaned_data.get(f"q-{q.key}") or "" for q in self.kind.questions}

    def closing(self) -> dict[int, str]:
        """Action id -> the note, for the open actions marked done."""
        return {
            action.pk: self.cleaned_data.get(f"note-{action.pk}") or ""
            for action in self.agenda
            if self.cleaned_data.get(f"done-{action.pk}") == DONE
        }

    def new_actions(self) -> list[NewAction]:
        data = self.cleaned_data
        return [
            NewAction(
                what=data[f"new-{n}-what"],
                owner=data.get(f"new-{n}-owner"),
                owner_name=data.get(f"new-{n}-owner_name") or "",
                due=data.get(f"new-{n}-due"),
            )
            for n in range(self.rows)
            if data.get(f"new-{n}-what")
        ]


def meeting_initial(meeting) -> dict:
    """A saved meeting as its edit form starts."""
    initial = {
        "held_on": meeting.held_on,
        "who_was_there": meeting.who_was_there,
        "notes": meeting.notes,
    }
    initial.update({f"q-{a.question}": a.answer for a in meeting.answers.all()})
    return initial


class ActionForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """An action of a meeting done (with a note) or opened again, from the meeting's page."""

    change = forms.ChoiceField(
        label="Done or open again",
        choices=[("done", "Done"), ("reopen", "Open again")],
        error_messages={"required": "Choose whether the action is done or open again"},
    )
    note = forms.CharField(label="What was done (optional)", max_length=2000, required=False)
