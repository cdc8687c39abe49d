from django.urls import path  # noqa: F401

# Each part appends its own block below.
urlpatterns = []
