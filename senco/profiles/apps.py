from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "senco.profiles"
    label = "profiles"

    def ready(self):
        from senco.profiles import capability  # noqa: F401  (declares what the app adds)
