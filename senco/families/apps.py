from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "senco.families"
    label = "families"

    def ready(self):
        from senco.families import capability  # noqa: F401
