from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "senco.accounts"
    label = "accounts"
