from django.urls import path

from senco.ehcp import (
    compliance_views,
    document_views,
    report_views,
    request_views,
    review_views,
    views,
)

urlpatterns = [
    # Needs-assessment requests, phase transfers and the compliance page (request_views.py,
    # compliance_views.py).
    path("school/<str:urn>/ehc-plans/", compliance_views.ehc_overview, name="ehcp_overview"),
    path("school/<str:urn>/ehc-plans/all/", compliance_views.plan_list, name="ehcp_plans"),
    path(
        "school/<str:urn>/ehc-plans/compliance/",
        compliance_views.compliance_page,
        name="ehcp_compliance",
    ),
    path(
        "school/<str:urn>/ehc-plans/phase-transfers/",
        compliance_views.transfers_page,
        name="ehcp_transfers",
    ),
    path(
        "school/<str:urn>/ehc-plans/assessment-requests/",
        request_views.request_list,
        name="ehcp_requests",
    ),
    path(
        "pupils/<int:pk>/assessment-requests/add/",
        request_views.request_add,
        name="ehcp_request_add",
    ),
    path(
        "pupils/<int:pk>/assessment-requests/<int:request_id>/",
        request_views.request_detail,
        name="ehcp_request",
    ),
    path(
        "pupils/<int:pk>/assessment-requests/<int:request_id>/edit/",
        request_views.request_edit,
        name="ehcp_request_edit",
    ),
    path("pupils/<int:pk>/ehc-plan/", views.plan_detail, name="ehcp_plan"),
    path("pupils/<int:pk>/ehc-plan/edit/", views.plan_edit, name="ehcp_plan_edit"),
    path("pupils/<int:pk>/ehc-plan/pdf/", document_views.document_download, name="ehcp_document"),
    path(
        "pupils/<int:pk>/ehc-plan/pdf/upload/",
        document_views.document_upload,
        name="ehcp_document_upload",
    ),
    path(
        "pupils/<int:pk>/ehc-plan/pdf/remove/",
        document_views.document_remove,
        name="ehcp_document_remove",
    ),
    path("pupils/<int:pk>/ehc-plan/provision/add/", views.item_add, name="ehcp_item_add"),
    path(
        "pupils/<int:pk>/ehc-plan/provision/<int:item_id>/",
        views.item_edit,
        name="ehcp_item_edit",
    ),
    path(
        "pupils/<int:pk>/ehc-plan/provision/<int:item_id>/remove/",
        views.item_remove,
        name="ehcp_item_remove",
    ),
]

# The annual review report and the local authorities' own forms (report_views.py).
urlpatterns += [
    path(
        "pupils/<int:pk>/ehc-plan/reviews/<int:review_id>/report.docx",
        report_views.report_docx,
        name="ehcp_review_report_docx",
    ),
    path(
        "pupils/<int:pk>/ehc-plan/reviews/<int:review_id>/report.pdf",
        report_views.report_pdf,
        name="ehcp_review_report_pdf",
    ),
    path(
        "school/<str:urn>/ehc-plans/report-forms/",
        report_views.report_templates,
        name="ehcp_report_templates",
    ),
    path(
        "school/<str:urn>/ehc-plans/report-forms/example.docx",
        report_views.report_template_example,
        name="ehcp_report_template_example",
    ),
    path(
        "school/<str:urn>/ehc-plans/report-forms/<int:template_id>/remove/",
        report_views.report_template_remove,
        name="ehcp_report_template_remove",
    ),
]

# The annual review's task list and its steps (review_views.py).
REVIEW = "pupils/<int:pk>/ehc-plan/reviews/<int:review_id>/"
urlpatterns += [
    path(
        "pupils/<int:pk>/ehc-plan/reviews/start/",
        review_views.review_start,
        name="ehcp_review_start",
    ),
    path(REVIEW, review_views.review_detail, name="ehcp_review"),
    path(REVIEW + "meeting-date/", review_views.meeting_date, name="ehcp_review_meeting_date"),
    path(REVIEW + "invitations/", review_views.invitations, name="ehcp_review_invitations"),
    path(
        REVIEW + "invitees/add/", review_views.contributor_add, name="ehcp_review_contributor_add"
    ),
    path(
        REVIEW + "invitees/<int:contributor_id>/",
        review_views.contributor_edit,
        name="ehcp_review_contributor_edit",
    ),
    path(
        REVIEW + "invitees/<int:contributor_id>/remove/",
        review_views.contributor_remove,
        name="ehcp_review_contributor_remove",
    ),
    path(REVIEW + "advice/", review_views.advice, name="ehcp_review_advice"),
    path(REVIEW + "views/", review_views.views, name="ehcp_review_views"),
    path(REVIEW + "views/ask/", review_views.views_ask, name="ehcp_review_views_ask"),
    path(REVIEW + "meeting/", review_views.held, name="ehcp_review_held"),
    path(REVIEW + "report/", review_views.report, name="ehcp_review_report"),
    path(REVIEW + "decision/", review_views.decision, name="ehcp_review_decision"),
    path(REVIEW + "close/", review_views.close, name="ehcp_review_close"),
]
