from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "senco.imports"
    label = "imports"
