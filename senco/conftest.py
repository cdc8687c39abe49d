"""The named cast every test uses: one school with its people, and outsiders.

- senco, leader, teacher (teaches `pupil`), other_teacher (same school, does not),
  ta (supports `pupil`), office, governor, trust_lead (the trust's SEND lead),
  parent and other_parent (no staff role), outsider (SENCO of a school in another trust).
- pupil: at SEN support in `school`; other_pupil: in `other_school` (another trust).

The role names, the role tables and `assert_valid_html` are in `senco/testing.py`.
"""

import time

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
