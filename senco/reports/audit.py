"""What reports write to the audit log, in plain English."""

from django.db import models


class ReportsAction(models.TextChoices):
    REPORT_VIEW = "reports.report.view", "Read a report"
    REPORTS_VIEW = "reports.list.view", "Saw the list of reports"
    REPORT_DRAFT = "reports.report.draft", "Started the draft of a report"
    SECTION_FORM = "reports.section.form", "Opened a section of a report to change it"
    SECTION_SAVE = "reports.section.save", "Changed the words of a section of a report"
    ISSUE_FORM = "reports.report.issue_form", "Opened the page to issue a report"
    REPORT_ISSUE = "reports.report.issue", "Issued a report, its figures kept as they were"
    REOPEN_FORM = "reports.report.reopen_form", "Opened the page to make a new draft of a report"
    REPORT_REOPEN = "reports.report.reopen", "Made an issued report a draft again"
    REPORT_DOCX = "reports.report.docx", "Downloaded a report as a Word document"
    REPORT_PDF = "reports.report.pdf", "Downloaded a report as a PDF"
