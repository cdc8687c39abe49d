from django.apps import AppConfig


class YearConfig(AppConfig):
    name = "senco.year"
    label = "year"

    def ready(self):
        from senco.year import capability  # noqa: F401
