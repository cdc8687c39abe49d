"""The demo trust is built once in each test process for the modules that read it
(senco/conftest.py `demo_trust`): they run first, and it is removed after the last of
them, so that every other test starts from an empty database."""

import pytest

from senco.accounts.models import User
from senco.demo.outline import TRUST_NAME, demo_usernames
from senco.pupils.models import Pupil
from senco.schools.models import School, Trust


def test_the_tests_that_read_the_demo_trust_run_first(request):
    items = request.session.items
    readers = [i for i, item in enumerate(items) if "demo_trust" in item.fixturenames]
    assert readers == list(range(len(readers)))


@pytest.mark.django_db
def test_a_test_that_does_not_ask_for_the_demo_trust_finds_none_of_it():
    assert not Trust.objects.filter(name=TRUST_NAME).exists()
    assert not School.objects.exists()
    assert not Pupil.objects.exists()
    assert not User.objects.filter(username__in=demo_usernames(2)).exists()
