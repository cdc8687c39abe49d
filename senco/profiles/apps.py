from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "senco.profiles"
    label = "profiles"
