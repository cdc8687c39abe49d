from django.urls import path

from senco.outcomes import attainment_views, import_views, pupil_views, trust_views, views

urlpatterns: list = [
    # The comparisons (views.py, pupil_views.py, trust_views.py).
    path("school/<str:urn>/outcomes/", views.home, name="outcomes_home"),
    path("school/<str:urn>/outcomes/attendance/", views.attendance, name="outcomes_attendance"),
    path("school/<str:urn>/outcomes/suspensions/", views.suspensions, name="outcomes_suspensions"),
    path(
        "school/<str:urn>/outcomes/attainment/",
        attainment_views.attainment,
        name="outcomes_attainment",
    ),
    path(
        "school/<str:urn>/outcomes/<str:measure>/pupils/",
        pupil_views.pupils,
        name="outcomes_pupils",
    ),
    path("trust/<int:trust_id>/outcomes/", trust_views.trust, name="outcomes_trust"),
    # Bringing the data in (import_views.py).
    path("school/<str:urn>/outcomes/imports/", import_views.imports_list, name="outcomes_imports"),
    path(
        "school/<str:urn>/outcomes/imports/<str:kind>/new/",
        import_views.import_upload,
        name="outcomes_import_upload",
    ),
    path(
        "school/<str:urn>/outcomes/imports/<int:batch_id>/",
        import_views.import_preview,
        name="outcomes_import_preview",
    ),
    path("school/<str:urn>/outcomes/subjects/", import_views.subjects, name="outcomes_subjects"),
    path("school/<str:urn>/outcomes/scales/", import_views.scales, name="outcomes_scales"),
]
