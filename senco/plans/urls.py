from django.urls import path

from senco.plans import views

urlpatterns = [
    path("pupils/<int:pk>/plans/", views.cycle_list, name="plans_cycles"),
    path("pupils/<int:pk>/plans/start/", views.cycle_start, name="plans_start"),
    path("pupils/<int:pk>/plans/<int:cycle_id>/", views.cycle_detail, name="plans_cycle"),
    path(
        "pupils/<int:pk>/plans/<int:cycle_id>/evidence/",
        views.evidence_add,
        name="plans_evidence_add",
    ),
    path("pupils/<int:pk>/plans/<int:cycle_id>/plan/", views.plan_edit, name="plans_plan"),
    path(
        "pupils/<int:pk>/plans/<int:cycle_id>/plan/history/",
        views.plan_history,
        name="plans_plan_history",
    ),
    path(
        "pupils/<int:pk>/plans/<int:cycle_id>/plan/compare/",
        views.plan_compare,
        name="plans_plan_compare",
    ),
    path("pupils/<int:pk>/plans/<int:cycle_id>/notes/", views.note_add, name="plans_note_add"),
    path(
        "pupils/<int:pk>/plans/<int:cycle_id>/review/", views.review_complete, name="plans_review"
    ),
    path(
        "pupils/<int:pk>/plans/<int:cycle_id>/ask-teachers/",
        views.views_request,
        name="plans_views_request",
    ),
    path("pupils/<int:pk>/plans/<int:cycle_id>/plan.pdf", views.cycle_pdf, name="plans_cycle_pdf"),
    path("plans/views/<int:request_id>/", views.view_answer, name="plans_view_answer"),
]
