from django.apps import AppConfig


class EhcpConfig(AppConfig):
    name = "senco.ehcp"
    label = "ehcp"

    def ready(self):
        from senco.ehcp import capability  # noqa: F401  (declares what the app adds)
