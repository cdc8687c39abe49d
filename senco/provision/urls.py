from django.urls import path  # noqa: F401

# Each part appends its own block below.
urlpatterns = []

# Links between groups and plans, and the interventions not happening (link_views.py).
from senco.provision import link_views  # noqa: E402

urlpatterns += [
    path(
        "pupils/<int:pk>/interventions/<int:member_id>/links/",
        link_views.member_links,
        name="provision_member_links",
    ),
    path(
        "pupils/<int:pk>/interventions/<int:member_id>/links/remove/",
        link_views.member_link_remove,
        name="provision_member_link_remove",
    ),
    path(
        "school/<str:urn>/interventions/not-happening/",
        link_views.gaps,
        name="provision_gaps",
    ),
]

# The provision maps and their downloads (map_views.py).
from django.urls import re_path  # noqa: E402

from senco.provision import map_views  # noqa: E402

urlpatterns += [
    path("school/<str:urn>/provision-map/", map_views.provision_map, name="provision_map"),
    re_path(
        r"^school/(?P<urn>[^/]+)/provision-map/download\.(?P<fmt>xlsx|pdf)$",
        map_views.provision_map_download,
        name="provision_map_download",
    ),
    path(
        "school/<str:urn>/provision-map/classes/",
        map_views.provision_map_classes,
        name="provision_map_classes",
    ),
    path(
        "school/<str:urn>/provision-map/class/<int:group_id>/",
        map_views.provision_map_class,
        name="provision_map_class",
    ),
    re_path(
        r"^school/(?P<urn>[^/]+)/provision-map/class/(?P<group_id>[0-9]+)/download\.(?P<fmt>xlsx|pdf)$",
        map_views.provision_map_class_download,
        name="provision_map_class_download",
    ),
    path(
        "pupils/<int:pk>/provision-map/", map_views.provision_map_pupil, name="provision_map_pupil"
    ),
    re_path(
        r"^pupils/(?P<pk>[0-9]+)/provision-map/download\.(?P<fmt>xlsx|pdf)$",
        map_views.provision_map_pupil_download,
        name="provision_map_pupil_download",
    ),
]

# Sessions recorded from a phone, My groups, and who is withdrawn when (session_views.py).
from senco.provision import session_views  # noqa: E402

urlpatterns += [
    path("school/<str:urn>/my-groups/", session_views.my_groups, name="provision_my_groups"),
    path("school/<str:urn>/withdrawals/", session_views.withdrawals, name="provision_withdrawals"),
    path(
        "intervention-groups/<int:group_id>/sessions/",
        session_views.session_list,
        name="provision_sessions",
    ),
    path(
        "intervention-groups/<int:group_id>/sessions/add/",
        session_views.session_add,
        name="provision_session_add",
    ),
    path(
        "intervention-groups/<int:group_id>/sessions/<int:session_id>/",
        session_views.session_edit,
        name="provision_session_edit",
    ),
]

# Impact and value for money, and the money it is set against (impact_views.py,
# funding_views.py).
from senco.provision import funding_views, impact_views  # noqa: E402

urlpatterns += [
    path("school/<str:urn>/impact/", impact_views.impact_list, name="provision_impact"),
    path(
        "school/<str:urn>/impact/<int:intervention_id>/",
        impact_views.impact_intervention,
        name="provision_impact_intervention",
    ),
    path(
        "school/<str:urn>/provision-funding/", funding_views.funding_page, name="provision_funding"
    ),
    path(
        "school/<str:urn>/provision-funding/<int:year>/budget/",
        funding_views.budget_edit,
        name="provision_funding_budget",
    ),
    path(
        "school/<str:urn>/provision-funding/<int:year>/top-ups/add/",
        funding_views.top_up_add,
        name="provision_top_up_add",
    ),
    path(
        "school/<str:urn>/provision-funding/top-ups/<int:top_up_id>/",
        funding_views.top_up_edit,
        name="provision_top_up_edit",
    ),
]

# The intervention offer, pupils' scores, groups and their members (offer_views.py,
# group_views.py).
from senco.provision import group_views, offer_views  # noqa: E402

urlpatterns += [
    path("school/<str:urn>/interventions/", offer_views.offer_list, name="provision_offer"),
    path("school/<str:urn>/interventions/add/", offer_views.offer_add, name="provision_offer_add"),
    path(
        "school/<str:urn>/interventions/<int:intervention_id>/",
        offer_views.offer_detail,
        name="provision_offer_detail",
    ),
    path(
        "school/<str:urn>/interventions/<int:intervention_id>/change/",
        offer_views.offer_edit,
        name="provision_offer_edit",
    ),
    path(
        "school/<str:urn>/interventions/<int:intervention_id>/stop/",
        offer_views.offer_stop,
        name="provision_offer_stop",
    ),
    path("school/<str:urn>/scores/", offer_views.scores, name="provision_scores"),
    path("school/<str:urn>/scores/add/", offer_views.score_add, name="provision_score_add"),
    path(
        "school/<str:urn>/scores/year-group/", offer_views.scores_year, name="provision_scores_year"
    ),
    path("school/<str:urn>/intervention-groups/", group_views.group_list, name="provision_groups"),
    path(
        "school/<str:urn>/intervention-groups/add/",
        group_views.group_add,
        name="provision_group_add",
    ),
    path(
        "school/<str:urn>/intervention-groups/parents-not-told/",
        group_views.parents_list,
        name="provision_group_parents",
    ),
    path(
        "school/<str:urn>/intervention-groups/<int:group_id>/",
        group_views.group_detail,
        name="provision_group_detail",
    ),
    path(
        "school/<str:urn>/intervention-groups/<int:group_id>/change/",
        group_views.group_edit,
        name="provision_group_edit",
    ),
    path(
        "school/<str:urn>/intervention-groups/<int:group_id>/members/add/",
        group_views.member_add,
        name="provision_group_member_add",
    ),
    path(
        "school/<str:urn>/intervention-groups/<int:group_id>/members/add-suggested/",
        group_views.member_quick_add,
        name="provision_group_member_quick_add",
    ),
    path(
        "school/<str:urn>/intervention-groups/<int:group_id>/members/<int:member_id>/",
        group_views.member_edit,
        name="provision_group_member_edit",
    ),
    path(
        "school/<str:urn>/intervention-groups/<int:group_id>/members/<int:member_id>/parents-told/",
        group_views.parents_told,
        name="provision_group_parents_told",
    ),
]
