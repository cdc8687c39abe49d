"""What strategy writes to the audit log, in plain English."""

from django.db import models


class StrategyAction(models.TextChoices):
    PLAN_VIEW = "strategy.plan.view", "Saw the SEND development plan"
    # Line management meetings (meeting_*.py).
    MEETINGS_VIEW = "strategy.meetings.view", "Saw the list of line management meetings"
    MEETING_VIEW = "strategy.meeting.view", "Saw the record of a line management meeting"
    MEETING_FORM_VIEW = "strategy.meeting.form", "Opened the form of a line management meeting"
    MEETING_ADD = "strategy.meeting.add", "Recorded a line management meeting"
    MEETING_SAVE = "strategy.meeting.save", "Changed the record of a line management meeting"
    MEETING_ACTION_DONE = (
        "strategy.meeting_action.done",
        "Marked an action from a line management meeting as done",
    )
    MEETING_ACTION_REOPEN = (
        "strategy.meeting_action.reopen",
        "Reopened an action from a line management meeting",
    )
    # The development plan's forms, writes, evidence and print (plan_*.py).
    PLAN_PDF = "strategy.plan.pdf", "Printed the SEND development plan"
    PLAN_FORM_VIEW = "strategy.plan.form", "Opened a form of the SEND development plan"
    PLAN_COPY = "strategy.plan.copy", "Started next year's SEND development plan from this one"
    PRIORITY_ADD = "strategy.priority.add", "Added a priority to the SEND development plan"
    PRIORITY_SAVE = "strategy.priority.save", "Changed a priority of the SEND development plan"
    PRIORITY_REMOVE = (
        "strategy.priority.remove",
        "Removed a priority from the SEND development plan",
    )
    ACTION_ADD = "strategy.action.add", "Added an action to the SEND development plan"
    ACTION_SAVE = "strategy.action.save", "Changed an action of the SEND development plan"
    ACTION_UPDATE = (
        "strategy.action.update",
        "Updated the status and progress of an action of the SEND development plan",
    )
    ACTION_REMOVE = "strategy.action.remove", "Removed an action from the SEND development plan"
    EVIDENCE_ADD = "strategy.evidence.add", "Added evidence to the SEND development plan"
    EVIDENCE_VIEW = "strategy.evidence.view", "Opened a file of evidence of the development plan"
    EVIDENCE_REMOVE = (
        "strategy.evidence.remove",
        "Removed evidence from the SEND development plan",
    )
    # The self-evaluation (selfeval_*.py).
    SELFEVAL_VIEW = "strategy.selfeval.view", "Saw the list of self-evaluations"
    SELFEVAL_SET_VIEW = "strategy.selfeval.set", "Saw a self-evaluation's questions and evidence"
    SELFEVAL_FORM_VIEW = "strategy.selfeval.form", "Opened the answer to a self-evaluation question"
    SELFEVAL_ANSWER = "strategy.selfeval.answer", "Answered a self-evaluation question"
    SELFEVAL_FINISH = "strategy.selfeval.finish", "Marked a self-evaluation as finished"
