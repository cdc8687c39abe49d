from django.urls import path

from senco.reports import views

REPORTS = "school/<str:urn>/reports/"
REPORT = REPORTS + "<int:report_id>/"

urlpatterns = [
    path(REPORTS, views.reports_list, name="reports_list"),
    path(REPORTS + "new/", views.reports_new, name="reports_new"),
    path(REPORT, views.reports_report, name="reports_report"),
    path(REPORT + "sections/<str:key>/", views.reports_section_edit, name="reports_section_edit"),
    path(REPORT + "issue/", views.reports_issue, name="reports_issue"),
    path(REPORT + "new-draft/", views.reports_reopen, name="reports_reopen"),
    path(REPORT + "report.docx", views.reports_docx, name="reports_docx"),
    path(REPORT + "report.pdf", views.reports_pdf, name="reports_pdf"),
]
