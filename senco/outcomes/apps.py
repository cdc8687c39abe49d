from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "senco.outcomes"
    label = "outcomes"

    def ready(self):
        from senco.outcomes import capability  # noqa: F401
