"""What the SENCO's year writes to the audit log, in plain English."""

from django.db import models


class YearAction(models.TextChoices):
    TASKS_VIEW = "year.tasks.view", "Saw the SENCO's year"
    TASKS_SETUP = "year.tasks.setup", "Set up the year's tasks from the toolkit's calendar"
    TASKS_CARRY = "year.tasks.carry", "Carried last year's repeating tasks forward"
    TASK_FORM_VIEW = "year.task.form_view", "Opened a task of the SENCO's year to change it"
    TASK_ADD = "year.task.add", "Added a task to the SENCO's year"
    TASK_CHANGE = "year.task.change", "Changed a task of the SENCO's year"
    TASK_DELETE = "year.task.delete", "Deleted a task of the SENCO's year"
    TASK_DONE = "year.task.done", "Ticked off a task of the SENCO's year"
    TASK_UNDONE = "year.task.undone", "Unticked a task of the SENCO's year"
    CENSUS_CHECK = "year.census.check", "Ran the census check (the pupils it listed)"
