from django.urls import path

from senco.parents import views

urlpatterns = [
    path("parent/", views.parent_home, name="parent_home"),
    path("parent/children/<int:pk>/", views.parent_child, name="parent_child"),
    path("parent/children/<int:pk>/views/", views.parent_views_add, name="parent_views_add"),
    path(
        "parent/children/<int:pk>/ask-for-a-meeting/",
        views.parent_meeting_ask,
        name="parent_meeting_ask",
    ),
    path(
        "pupils/<int:pk>/parents/requests/<int:meeting_request_id>/",
        views.request_answer,
        name="parents_request_answer",
    ),
    path(
        "pupils/<int:pk>/parents/views/<int:views_id>/read/",
        views.views_read,
        name="parents_views_read",
    ),
]
