"""What parents' own pages and the school's answers to them write to the audit log."""

from django.db import models


class ParentsAction(models.TextChoices):
    HOME_VIEW = "parents.home.view", "Seen on their parent's list of children"
    CHILD_VIEW = "parents.child.view", "A parent viewed their child's page"
    VIEWS_FORM = "parents.views.form", "A parent opened the form for their views"
    VIEWS_ADD = "parents.views.add", "A parent sent their views"
    ASK_FORM = "parents.ask.form", "A parent opened the form to ask for a meeting"
    ASK = "parents.ask", "A parent asked for a meeting"
    VIEWS_READ = "parents.views.read", "Marked a parent's views as read"
    REQUEST_VIEW = "parents.request.view", "Opened a parent's request for a meeting"
    REQUEST_ANSWER = "parents.request.answer", "Answered a parent's request for a meeting"
