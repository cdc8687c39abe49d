from django.urls import path

from senco.year import census_views
from senco.year import tasks_views as tasks

urlpatterns: list = [
    path("school/<str:urn>/year/", tasks.year_tasks, name="year_tasks"),
    path("school/<str:urn>/year/set-up/", tasks.year_setup, name="year_setup"),
    path("school/<str:urn>/year/tasks/new/", tasks.task_add, name="year_task_add"),
    path("school/<str:urn>/year/tasks/<int:task_id>/", tasks.task_edit, name="year_task_edit"),
    path(
        "school/<str:urn>/year/tasks/<int:task_id>/delete/",
        tasks.task_delete,
        name="year_task_delete",
    ),
    path("school/<str:urn>/year/tasks/<int:task_id>/done/", tasks.task_done, name="year_task_done"),
    path("school/<str:urn>/year/census/", census_views.census_check, name="year_census"),
]
