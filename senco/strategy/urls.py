from django.urls import path  # noqa: F401

urlpatterns: list = []

# The SEND development plan (plan_views.py).
from senco.strategy import plan_views  # noqa: E402

_PLAN = "school/<str:urn>/development-plan/"
urlpatterns += [
    path(_PLAN, plan_views.plan_page, name="strategy_plan"),
    path(f"{_PLAN}plan.pdf", plan_views.plan_pdf_view, name="strategy_plan_pdf"),
    path(
        f"{_PLAN}<int:year>/start-next-year/",
        plan_views.plan_next_year,
        name="strategy_plan_next_year",
    ),
    path(
        f"{_PLAN}<int:year>/priorities/new/", plan_views.priority_add, name="strategy_priority_add"
    ),
    path(
        f"{_PLAN}priorities/<int:priority_id>/",
        plan_views.priority_edit,
        name="strategy_priority_edit",
    ),
    path(
        f"{_PLAN}priorities/<int:priority_id>/actions/new/",
        plan_views.action_add,
        name="strategy_action_add",
    ),
    path(f"{_PLAN}actions/<int:action_id>/", plan_views.action_edit, name="strategy_action_edit"),
    path(
        f"{_PLAN}actions/<int:action_id>/update/",
        plan_views.action_update,
        name="strategy_action_update",
    ),
    path(
        f"{_PLAN}actions/<int:action_id>/evidence/new/",
        plan_views.evidence_add,
        name="strategy_evidence_add",
    ),
    path(
        f"{_PLAN}evidence/<int:evidence_id>/",
        plan_views.evidence_file,
        name="strategy_evidence_file",
    ),
    path(
        f"{_PLAN}evidence/<int:evidence_id>/remove/",
        plan_views.evidence_remove,
        name="strategy_evidence_remove",
    ),
]

# Line management meetings (meeting_views.py).
from senco.strategy import meeting_views  # noqa: E402

_MEETINGS = "school/<str:urn>/meetings/"
urlpatterns += [
    path(_MEETINGS, meeting_views.meetings, name="strategy_meetings"),
    path(f"{_MEETINGS}new/", meeting_views.meeting_new, name="strategy_meeting_new"),
    path(f"{_MEETINGS}<int:meeting_id>/", meeting_views.meeting_detail, name="strategy_meeting"),
    path(
        f"{_MEETINGS}<int:meeting_id>/change/",
        meeting_views.meeting_edit,
        name="strategy_meeting_edit",
    ),
    path(
        f"{_MEETINGS}actions/<int:action_id>/",
        meeting_views.meeting_action,
        name="strategy_meeting_action",
    ),
]

# The self-evaluation (selfeval_views.py).
from senco.strategy import selfeval_views  # noqa: E402

_SELFEVAL = "school/<str:urn>/self-evaluation/"
urlpatterns += [
    path(_SELFEVAL, selfeval_views.selfeval_index, name="strategy_selfeval"),
    path(f"{_SELFEVAL}<str:questions>/", selfeval_views.selfeval_set, name="strategy_selfeval_set"),
    path(
        f"{_SELFEVAL}<str:questions>/<str:question>/",
        selfeval_views.selfeval_answer,
        name="strategy_selfeval_answer",
    ),
]
