from django.urls import path

from senco.profiles import views

urlpatterns = [
    path("pupils/<int:pk>/passport/", views.passport_detail, name="passport_detail"),
    path("pupils/<int:pk>/passport/edit/", views.passport_edit, name="passport_edit"),
    path(
        "pupils/<int:pk>/passport/history/",
        views.passport_history_view,
        name="passport_history",
    ),
    path("pupils/<int:pk>/passport/compare/", views.passport_compare, name="passport_compare"),
    path("pupils/<int:pk>/passport.pdf", views.passport_pdf, name="passport_pdf"),
    path("pupils/<int:pk>/profile/", views.profile_detail, name="profile_detail"),
    path("pupils/<int:pk>/profile/edit/", views.profile_edit, name="profile_edit"),
    path("pupils/<int:pk>/profile.pdf", views.profile_pdf, name="profile_pdf"),
    path("pupils/<int:pk>/photo.jpg", views.pupil_photo, name="pupil_photo"),
    path("school/<str:urn>/my-pupils/", views.my_pupils, name="my_pupils"),
    path(
        "school/<str:urn>/my-pupils/class-sheets.pdf",
        views.my_class_sheets_pdf,
        name="my_class_sheets_pdf",
    ),
    path(
        "school/<str:urn>/groups/<int:group_id>/class-sheet.pdf",
        views.class_sheet_pdf,
        name="class_sheet_pdf",
    ),
    path(
        "school/<str:urn>/class-sheets/<int:year>/",
        views.class_sheets_year,
        name="class_sheets_year",
    ),
    path(
        "school/<str:urn>/class-sheets/<int:year>.pdf",
        views.class_sheets_year_pdf,
        name="class_sheets_year_pdf",
    ),
]
