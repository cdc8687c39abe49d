"""What the graduated approach writes to the audit log, in plain English."""

from django.db import models


class PlansAction(models.TextChoices):
    CYCLES_VIEW = "plans.cycles.view", "Viewed the assess, plan, do, review cycles"
    CYCLE_VIEW = "plans.cycle.view", "Viewed a cycle"
    CYCLE_START = "plans.cycle.start", "Started a cycle"
    EVIDENCE_ADD = "plans.evidence.add", "Added evidence to a cycle"
    PLAN_SAVE = "plans.plan.save", "Saved the plan"
    NOTE_ADD = "plans.note.add", "Added a note of what was done"
    REVIEW_COMPLETE = "plans.review.complete", "Completed a review"
    VIEWS_REQUEST = "plans.views.request", "Asked teachers for their views"
    VIEWS_OPEN = "plans.views.open", "Opened a request for a teacher's view"
    VIEWS_ANSWER = "plans.views.answer", "Gave a teacher's view"
    PLAN_PDF = "plans.plan.pdf", "Printed the plan for the family"
    EVIDENCE_FORM_VIEW = "plans.evidence.form", "Opened the form to add evidence"
    PLAN_FORM_VIEW = "plans.plan.form", "Opened the plan to write or change it"
    REVIEW_FORM_VIEW = "plans.review.form", "Opened the review form"
    PLAN_HISTORY_VIEW = "plans.plan.history", "Viewed the plan's versions"
    PLAN_COMPARE_VIEW = "plans.plan.compare", "Compared two versions of the plan"
