from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running senco for real: background tasks and their progress pages, schedules,
    backups, the health check and request logs (docs/deploy.md)."""

    name = "senco.operations"
    label = "operations"
    verbose_name = "Operations"
