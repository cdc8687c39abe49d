from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "senco.audit"
    label = "audit"

    def ready(self):
        from django.core.signals import request_finished

        from senco.audit.pending import move_after_response

        request_finished.connect(move_after_response, dispatch_uid="senco.audit.move_pending")
