from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "senco.audit"
    label = "audit"
