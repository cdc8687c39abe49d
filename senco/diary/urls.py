from django.urls import path

from senco.diary import views

urlpatterns = [
    path("school/<str:urn>/calendar/", views.calendar, name="diary_calendar"),
    path("school/<str:urn>/calendar/subscribe/", views.feed_settings, name="diary_feed_settings"),
    path(
        "school/<str:urn>/calendar/subscribe/address/",
        views.feed_address,
        name="diary_feed_address",
    ),
    path("school/<str:urn>/calendar/subscribe/stop/", views.feed_revoke, name="diary_feed_revoke"),
    path("calendar/feed/<str:token>.ics", views.feed, name="diary_feed"),
]
