"""The demo trust's pupils and contacts, written in bulk, have their search and sort keys."""

import pytest

from senco.lib.keys import name_key, names_key, phone_digits, reg_group_key
from senco.pupils.models import Contact, Pupil

pytestmark = pytest.mark.django_db


def test_demo_pupils_and_contacts_have_their_keys(seeded):
    pupils = list(Pupil.objects.all())
    assert pupils
    for p in pupils:
        assert p.surname_key == name_key(p.legal_surname)
        assert p.forename_key == name_key(p.forename)
        assert p.search_key == names_key(p.legal_surname, p.forename, p.preferred_name)
        assert p.reg_group_key == reg_group_key(p.reg_group)
    contacts = list(Contact.objects.all())
    assert contacts
    for c in contacts:
        assert c.search_key == names_key(c.name, phone_digits(c.phone))
