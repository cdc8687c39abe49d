from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "senco.register"
    label = "register"

    def ready(self):
        from senco.register import capability  # noqa: F401  (declares what the app adds)
