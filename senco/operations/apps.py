from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running senco for real: background jobs and their progress pages, schedules,
    backups, the health check and request logs (docs/deploy.md)."""

    name = "senco.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self):
        from senco.operations import capability  # noqa: F401  (declares what the app adds)
