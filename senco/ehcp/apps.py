from django.apps import AppConfig


class EhcpConfig(AppConfig):
    name = "senco.ehcp"
    label = "ehcp"

    def ready(self):
        # capability declares what the app adds; document_services removes a PDF with its row.
        from senco.ehcp import capability, document_services  # noqa: F401
