"""The named cast every test uses: one school with its people, and outsiders.

- senco, leader, teacher (teaches `pupil`), other_teacher (same school, does not),
  ta (supports `pupil`), office, governor, trust_lead (the trust's SEND lead),
  parent and other_parent (no staff role), outsider (SENCO of a school in another trust).
- pupil: at SEN support in `school`; other_pupil: in `other_school` (another trust).

The role names, the role tables and `assert_valid_html` are in `senco/testing.py`.
`demo_trust` (at the end) is the demo trust, built once in each test process.
"""

import time
from io import StringIO

import pytest
from django.test import Client

from senco import factories as f


@pytest.fixture
def trust(db):
    return f.TrustFactory(name="Riverside Learning Trust")


@pytest.fixture
def school(trust):
    return f.SchoolFactory(trust=trust, name="Hillside Academy", urn="137001")


@pytest.fixture
def sister_school(trust):
    return f.SchoolFactory(trust=trust, name="Brookfield Primary", urn="137002", phase="primary")


@pytest.fixture
def other_school(db):
    return f.SchoolFactory(name="Faraway School", urn="999001")


def _member(school, role, username):
    return f.MembershipFactory(school=school, role=role, user=f.UserFactory(username=username)).user


@pytest.fixture
def senco(school):
    return _member(school, "senco", "senco")


@pytest.fixture
def leader(school):
    return _member(school, "leader", "leader")


@pytest.fixture
def teacher(school, pupil):
    user = _member(school, "teacher", "teacher")
    group = f.TeachingGroupFactory(school=school, name="7A/En1", subject="English")
    group.teachers.add(user)
    group.pupils.add(pupil)
    return user


@pytest.fixture
def other_teacher(school):
    return _member(school, "teacher", "other_teacher")


@pytest.fixture
def ta(school, pupil):
    user = _member(school, "ta", "ta")
    f.SupportAssignmentFactory(staff=user, pupil=pupil)
    return user


@pytest.fixture
def office(school):
    return _member(school, "office", "office")


@pytest.fixture
def governor(school):
    return _member(school, "governor", "governor")


@pytest.fixture
def trust_lead(trust):
    return f.TrustMembershipFactory(trust=trust, user=f.UserFactory(username="trust_lead")).user


@pytest.fixture
def parent(db):
    return f.UserFactory(username="parent")


@pytest.fixture
def other_parent(db):
    return f.UserFactory(username="other_parent")


@pytest.fixture
def outsider(other_school):
    return _member(other_school, "senco", "outsider")


@pytest.fixture
def pupil(school):
    p = f.SenPupilFactory(school=school, legal_surname="O'Brien-Łukasiewicz", forename="Zoë")
    f.ContactFactory(pupil=p, name="Mary O'Brien", relationship="Mother")
    return p


@pytest.fixture
def other_pupil(other_school):
    return f.SenPupilFactory(school=other_school, legal_surname="Elsewhere", forename="Eli")


@pytest.fixture
def parent_link(parent, other_parent, pupil, school):
    """`parent` stands for the first contact of `pupil` (Zoë's mother); `other_parent` for
    the contact of another pupil at the same school (Ben's father). Returns both contacts."""
    from senco.accounts.models import ParentLink

    contact = pupil.contacts.order_by("pk").first() or f.ContactFactory(
        pupil=pupil, name="Mary O'Brien", relationship="Mother"
    )
    other = f.SenPupilFactory(school=school, legal_surname="Other", forename="Ben")
    other_contact = f.ContactFactory(pupil=other, name="Tom Other", relationship="Father")
    ParentLink.objects.create(user=parent, contact=contact)
    ParentLink.objects.create(user=other_parent, contact=other_contact)
    return {"contact": contact, "other_pupil": other, "other_contact": other_contact}


@pytest.fixture
def cast(senco, leader, teacher, other_teacher, ta, office, governor, trust_lead, parent, outsider):
    return {
        "senco": senco,
        "leader": leader,
        "teacher": teacher,
        "other_teacher": other_teacher,
        "ta": ta,
        "office": office,
        "governor": governor,
        "trust_lead": trust_lead,
        "parent": parent,
        "outsider": outsider,
    }


@pytest.fixture
def client_for():
    """A test client signed in as the given user."""

    def make(user):
        client = Client()
        client.force_login(user)
        # As after the first page of a visit: the session was written a moment ago, so a
        # test's requests within the minute write none (senco.middleware.SessionTouch...),
        # and each request of a query-count test costs what every later page view costs.
        session = client.session
        session["_touched"] = int(time.time())
        session.save()
        return client

    return make


# --- The demo trust, built once for every module that reads it -------------------------------
#
# Twelve modules check what the demo trust holds for their capability. Building it takes
# ~8 s on SQLite and ~15 s on PostgreSQL, and removing it ~2 and ~5, so it is built once
# in each test process (each of pytest-xdist's workers) and committed: the modules that
# ask for `demo_trust` run one after another, first of all, and the trust is removed after
# the last of them, so every other test starts, as before, from an empty database. Each
# test still runs in a transaction rolled back after it: a test may change the trust
# without the next one seeing. (senco/demo/tests build and remove their own: building it
# is what they test.)

DEMO = "demo_trust"
_demo: dict = {"output": None, "blocker": None}


def _reads_the_demo(item) -> bool:
    return DEMO in getattr(item, "fixturenames", ())


@pytest.fixture(scope="module")
def demo_trust(django_db_setup, django_db_blocker) -> str:
    """The demo trust, as `manage.py seed_demo` builds it; what the command printed."""
    from django.core.management import call_command

    from senco.demo.outline import TRUST_NAME
    from senco.schools.models import Trust

    with django_db_blocker.unblock():
        if _demo["output"] is None or not Trust.objects.filter(name=TRUST_NAME).exists():
            out = StringIO()
            call_command("seed_demo", stdout=out)
            _demo["output"] = out.getvalue()
    _demo["blocker"] = django_db_blocker
    return _demo["output"]


def pytest_collection_modifyitems(items):
    """The tests that read the demo trust first, in their order (after pytest-django's own
    ordering, which puts the tests in rolled-back transactions first: these are such)."""
    readers = [item for item in items if _reads_the_demo(item)]
    if readers:
        items[:] = readers + [item for item in items if not _reads_the_demo(item)]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test that reads the demo trust (and its transaction's rollback), the
    trust is removed."""
    try:
        return (yield)
    finally:  # even when a fixture's teardown failed: the next tests need an empty database
        last = _reads_the_demo(item) and (nextitem is None or not _reads_the_demo(nextitem))
        if last and _demo["output"] is not None:
            from senco.demo.outline import demo_usernames
            from senco.demo.trust import delete_demo_trust

            with _demo["blocker"].unblock():
                delete_demo_trust(reserved_usernames=demo_usernames(2))
            _demo["output"] = None
