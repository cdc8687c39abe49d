import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senco.settings")
application = get_wsgi_application()

from senco.startup import refuse_unsafe_start  # noqa: E402 (needs the settings loaded)

refuse_unsafe_start()
