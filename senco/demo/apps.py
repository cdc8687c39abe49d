from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "senco.demo"
    label = "demo"
    verbose_name = "Demo trust and benchmark"
