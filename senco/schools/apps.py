from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "senco.schools"
    label = "schools"

    def ready(self):
        from senco.schools import capability  # noqa: F401  (declares what the app adds)
