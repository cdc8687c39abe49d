from django.urls import path

from senco.ehcp import views

urlpatterns = [
    path("pupils/<int:pk>/ehc-plan/", views.plan_detail, name="ehcp_plan"),
    path("pupils/<int:pk>/ehc-plan/edit/", views.plan_edit, name="ehcp_plan_edit"),
    path("pupils/<int:pk>/ehc-plan/provision/add/", views.item_add, name="ehcp_item_add"),
    path(
        "pupils/<int:pk>/ehc-plan/provision/<int:item_id>/",
        views.item_edit,
        name="ehcp_item_edit",
    ),
    path(
        "pupils/<int:pk>/ehc-plan/provision/<int:item_id>/remove/",
        views.item_remove,
        name="ehcp_item_remove",
    ),
]
