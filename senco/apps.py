from django.apps import AppConfig


class SencoConfig(AppConfig):
    name = "senco"
    label = "senco"
