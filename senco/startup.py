"""Checks made before senco serves a request: refuse what would make it unsafe."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

SECRET_KEY_MESSAGE = (
    "Set SECRET_KEY to a long random value of your own (for example the output of "
    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), or set DEBUG=1 "
    "on a developer's machine. senco will not serve pages with the development key and "
    "DEBUG off. See docs/security.md."
)


def development_key_in_production() -> bool:
    return (
        settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY
        and not settings.DEBUG
        and not settings.TESTING
    )


def refuse_unsafe_start() -> None:
    """Called by senco/wsgi.py: the server does not start on the built-in secret key."""
    if development_key_in_production():
        raise ImproperlyConfigured(SECRET_KEY_MESSAGE)


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    """`manage.py check --deploy` fails on the built-in key, as the server would."""
    if development_key_in_production():
        return [checks.Error(SECRET_KEY_MESSAGE, id="senco.E001")]
    return []
