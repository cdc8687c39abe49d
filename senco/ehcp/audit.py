"""What the EHC plan records write to the audit log, in plain English."""

from django.db import models


class EhcpAction(models.TextChoices):
    PLAN_VIEW = "ehcp.plan.view", "Viewed the EHC plan"
    PLAN_FORM_VIEW = "ehcp.plan.form", "Opened the EHC plan to record or change it"
    PLAN_CREATE = "ehcp.plan.create", "Recorded the EHC plan"
    PLAN_SAVE = "ehcp.plan.save", "Changed the EHC plan"
    ITEM_FORM_VIEW = "ehcp.item.form", "Opened an item of section F"
    ITEM_ADD = "ehcp.item.add", "Added an item to section F"
    ITEM_SAVE = "ehcp.item.save", "Changed an item of section F"
    ITEM_REMOVE = "ehcp.item.remove", "Removed an item from section F"
