from django.urls import path

from senco.families import views

urlpatterns = [
    path("pupils/<int:pk>/meetings/", views.meeting_list, name="families_meetings"),
    path("pupils/<int:pk>/meetings/add/", views.meeting_add, name="families_meeting_add"),
    path(
        "pupils/<int:pk>/meetings/<int:meeting_id>/",
        views.meeting_detail,
        name="families_meeting",
    ),
    path(
        "pupils/<int:pk>/meetings/<int:meeting_id>/change/",
        views.meeting_edit,
        name="families_meeting_edit",
    ),
    path(
        "pupils/<int:pk>/meetings/<int:meeting_id>/actions/add/",
        views.follow_up_add,
        name="families_follow_up_add",
    ),
    path(
        "pupils/<int:pk>/meetings/<int:meeting_id>/actions/<int:follow_up_id>/done/",
        views.follow_up_done,
        name="families_follow_up_done",
    ),
    path(
        "school/<str:urn>/families/three-a-year/",
        views.three_a_year,
        name="families_three_a_year",
    ),
    path(
        "school/<str:urn>/families/three-a-year/kinds/",
        views.counting_kinds,
        name="families_counting_kinds",
    ),
]
