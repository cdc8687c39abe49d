from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "senco.plans"
    label = "plans"

    def ready(self):
        from senco.plans import capability  # noqa: F401  (declares what the app adds)
