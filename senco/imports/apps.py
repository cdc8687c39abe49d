from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "senco.imports"
    label = "imports"

    def ready(self):
        from senco.imports import capability  # noqa: F401  (declares what the app adds)
