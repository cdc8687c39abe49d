"""The demo trust, built once for every test in senco/demo/tests.

Building it takes a second or two, so it is built once, committed, and removed after the
last test here. Each test still runs in a transaction that is rolled back after it, so a
test may change the trust, rebuild it or remove it without the others seeing.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from senco.demo.outline import demo_usernames
from senco.demo.trust import delete_demo_trust


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="package")
def seeded(django_db_setup, django_db_blocker):
    """What `manage.py seed_demo` printed when it built the demo trust."""
    with django_db_blocker.unblock():
        output = seed()
    yield output
    with django_db_blocker.unblock():
        delete_demo_trust(reserved_usernames=demo_usernames(2))
