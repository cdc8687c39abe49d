from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "senco.accounts"
    label = "accounts"

    def ready(self):
        from senco.accounts import (
            capability,  # noqa: F401  (declares what the app adds)
            signals,  # noqa: F401  (audits sign-ins and sign-outs)
        )
