from django.apps import AppConfig


class ProvisionConfig(AppConfig):
    name = "senco.provision"
    label = "provision"

    def ready(self):
        from senco.provision import capability  # noqa: F401
