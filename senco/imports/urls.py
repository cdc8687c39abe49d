from django.urls import path

from senco.imports import views

urlpatterns = [
    path("", views.import_upload, name="import_upload"),
]
