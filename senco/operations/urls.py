from django.urls import path

from senco.operations import views

urlpatterns = [
    path("jobs/<uuid:job_id>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:job_id>/download/", views.job_download, name="job_download"),
    path("school/<str:urn>/scheduled-jobs/", views.schedule_status, name="schedule_status"),
]
