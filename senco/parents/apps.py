from django.apps import AppConfig


class ParentsConfig(AppConfig):
    name = "senco.parents"
    label = "parents"

    def ready(self):
        from senco.parents import capability  # noqa: F401
