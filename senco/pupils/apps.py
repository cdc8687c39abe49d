from django.apps import AppConfig


class PupilsConfig(AppConfig):
    name = "senco.pupils"
    label = "pupils"

    def ready(self):
        from senco.pupils import capability  # noqa: F401  (declares what the app adds)
