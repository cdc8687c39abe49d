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
    ITEM_REMOVE_VIEW = "ehcp.item.remove_form", "Opened an item of section F to remove it"
    DOCUMENT_UPLOAD = "ehcp.document.upload", "Uploaded the EHC plan's PDF"
    DOCUMENT_REPLACE = "ehcp.document.replace", "Replaced the EHC plan's PDF"
    DOCUMENT_VIEW = "ehcp.document.view", "Opened the EHC plan's PDF"
    DOCUMENT_FORM_VIEW = (
        "ehcp.document.form",
        "Opened the page to upload, replace or remove the EHC plan's PDF",
    )
    DOCUMENT_REMOVE = "ehcp.document.remove", "Removed the EHC plan's PDF"
    REQUEST_VIEW = "ehcp.request.view", "Viewed a request for an EHC needs assessment"
    REQUEST_FORM_VIEW = (
        "ehcp.request.form",
        "Opened a request for an EHC needs assessment to record or change it",
    )
    REQUEST_CREATE = "ehcp.request.create", "Recorded a request for an EHC needs assessment"
    REQUEST_SAVE = "ehcp.request.save", "Changed a request for an EHC needs assessment"
    REQUESTS_LIST = "ehcp.requests.list", "Seen in the list of EHC needs assessment requests"
    COMPLIANCE_VIEW = "ehcp.compliance.view", "Seen on the EHC plans compliance page"
    PLANS_LIST = "ehcp.plans.list", "Seen in the list of the school's EHC plans"
    TRANSFERS_VIEW = "ehcp.transfers.view", "Seen in the list of phase transfers"
    EHC_OVERVIEW = "ehcp.overview.view", "Viewed the school's EHC plans page (counts only)"
    # The annual review (review_views.py, review_services.py).
    REVIEW_VIEW = "ehcp.review.view", "Viewed an annual review of the EHC plan"
    REVIEW_FORM_VIEW = "ehcp.review.form", "Opened a step of an annual review"
    REVIEW_START = "ehcp.review.start", "Started an annual review of the EHC plan"
    REVIEW_SAVE = "ehcp.review.save", "Recorded a step of an annual review"
    REVIEW_INVITEE_ADD = "ehcp.review.invitee.add", "Added someone to invite to an annual review"
    REVIEW_INVITEE_SAVE = "ehcp.review.invitee.save", "Changed an invitee of an annual review"
    REVIEW_INVITEE_REMOVE = "ehcp.review.invitee.remove", "Removed an invitee of an annual review"
    REVIEW_VIEWS_ASK = (
        "ehcp.review.views.ask",
        "Asked teachers for their views for an annual review",
    )
    REVIEW_CLOSE = "ehcp.review.close", "Closed an annual review"
    # The annual review report and the local authorities' own forms (report*.py).
    REPORT_DOCX = "ehcp.report.docx", "Downloaded an annual review report (Word)"
    REPORT_PDF = "ehcp.report.pdf", "Downloaded an annual review report (PDF)"
    REPORT_FORM_UPLOAD = "ehcp.report_form.upload", "Uploaded a local authority's report form"
    REPORT_FORM_REPLACE = "ehcp.report_form.replace", "Replaced a local authority's report form"
    REPORT_FORM_REMOVE = "ehcp.report_form.remove", "Removed a local authority's report form"
