from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "senco.strategy"
    label = "strategy"

    def ready(self):
        from senco.strategy import capability  # noqa: F401
