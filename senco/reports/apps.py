from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "senco.reports"
    label = "reports"

    def ready(self):
        from senco.reports import capability  # noqa: F401
