from django.urls import path

from senco.imports import views

urlpatterns = [
    path("", views.import_upload, name="import_upload"),
    path("<int:batch_id>/", views.import_preview, name="import_preview"),
    path("<int:batch_id>/apply/", views.import_apply, name="import_apply"),
    path("<int:batch_id>/cancel/", views.import_cancel, name="import_cancel"),
]
