from django.urls import path

from senco.letters import views

urlpatterns = [
    path("school/<str:urn>/letters/", views.batches, name="letters_batches"),
    path("school/<str:urn>/letters/send/", views.bulk, name="letters_bulk"),
    path("school/<str:urn>/letters/wording/", views.wording_list, name="letters_wording"),
    path(
        "school/<str:urn>/letters/wording/<str:kind>/",
        views.wording_change,
        name="letters_wording_change",
    ),
    path("school/<str:urn>/letters/<int:batch_id>/", views.batch_detail, name="letters_batch"),
    path(
        "school/<str:urn>/letters/<int:batch_id>/letters.pdf",
        views.batch_pdf,
        name="letters_batch_pdf",
    ),
    path(
        "school/<str:urn>/letters/<int:batch_id>/retry/",
        views.batch_retry,
        name="letters_batch_retry",
    ),
    path("pupils/<int:pk>/letters/", views.pupil_log, name="letters_pupil_log"),
    path("pupils/<int:pk>/letters/send/", views.send, name="letters_send"),
    path("pupils/<int:pk>/letters/<int:message_id>/", views.message_detail, name="letters_message"),
]
