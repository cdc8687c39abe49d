from django.urls import path

from senco.families import review_days_views as rd
from senco.families import views

DAY = "school/<str:urn>/families/review-days/<int:day_id>/"
PARENT_DAY = "parent/children/<int:pk>/review-days/<int:day_id>/"

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
    # SEND parent review days (review_days_views.py)
    path("school/<str:urn>/families/review-days/", rd.review_days, name="families_review_days"),
    path(
        "school/<str:urn>/families/review-days/add/",
        rd.review_day_add,
        name="families_review_day_add",
    ),
    path(DAY, rd.review_day, name="families_review_day"),
    path(DAY + "change/", rd.review_day_change, name="families_review_day_change"),
    path(DAY + "not-booked/", rd.review_day_not_booked, name="families_review_day_not_booked"),
    path(DAY + "slots/<int:slot_id>/", rd.appointment, name="families_appointment"),
    path(DAY + "slots/<int:slot_id>/book/", rd.slot_book, name="families_slot_book"),
    path(DAY + "slots/<int:slot_id>/cancel/", rd.slot_cancel, name="families_slot_cancel"),
    path(PARENT_DAY, rd.parent_review_day, name="parent_review_day"),
    path(PARENT_DAY + "cancel/", rd.parent_slot_cancel, name="parent_slot_cancel"),
]
