from django.apps import AppConfig


class SencoConfig(AppConfig):
    name = "senco"
    label = "senco"

    def ready(self):
        from senco import startup  # noqa: F401  (registers the deploy check)
