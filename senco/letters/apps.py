from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "senco.letters"
    label = "letters"

    def ready(self):
        from senco.letters import capability  # noqa: F401
