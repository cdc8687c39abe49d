"""Pupils' and contacts' search and sort keys stay in step with what they are made from,
whichever way a pupil is written: save, the bulk writes, an import, the migration."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from senco import factories as f
from senco.audit.actor import Actor
from senco.imports.services import import_apply
from senco.imports.tests.helpers import csv_text, row
from senco.pupils.models import Contact, Pupil

pytestmark = pytest.mark.django_db


def keys_of(pupil):
    pupil = Pupil.objects.get(pk=pupil.pk)
    return (pupil.surname_key, pupil.forename_key, pupil.search_key, pupil.reg_group_key)


def test_save_makes_the_keys(school):
    pupil = f.PupilFactory(
        school=school, legal_surname="Çelik", forename="Ayşe", preferred_name="", reg_group="10K"
    )
    assert keys_of(pupil) == ("celik", "ayse", "celik ayse", "100010k")
    pupil.preferred_name = "Ayşa"
    pupil.save()
    assert keys_of(pupil)[2] == "celik ayse aysa"


def test_saving_some_fields_saves_their_keys(school):
    pupil = f.PupilFactory(school=school, legal_surname="Nowak", forename="Łucja")
    pupil.legal_surname = "Şahin"
    pupil.reg_group = "7M"
    pupil.save(update_fields=["legal_surname", "reg_group"])
    assert keys_of(pupil) == ("sahin", "lucja", "sahin lucja", "100007m")


def test_saving_a_pupil_read_in_part_reads_what_its_keys_need(school):
    f.PupilFactory(school=school, legal_surname="Nowak", forename="Łucja", preferred_name="Lu")
    pupil = Pupil.objects.only("pk", "forename").get()
    pupil.forename = "Zoë"
    pupil.save()
    assert keys_of(pupil)[1:3] == ("zoe", "nowak zoe lu")


def test_bulk_writes_make_the_keys(school):
    made = Pupil.objects.bulk_create(
        [
            f.PupilFactory.build(school=school, legal_surname="Øberg", forename="Åsa"),
            f.PupilFactory.build(school=school, legal_surname="Dąbrowski", forename="Jan"),
        ]
    )
    assert [keys_of(p)[0] for p in made] == ["oberg", "dabrowski"]
    made[0].legal_surname = "Strauß"
    made[1].reg_group = "11A"
    Pupil.objects.bulk_update(made, ["legal_surname", "reg_group"])
    assert keys_of(made[0])[0:3] == ("strauss", "asa", "strauss asa")
    assert keys_of(made[1])[3] == "100011a"


def test_an_update_that_would_leave_a_key_behind_is_refused(school):
    f.PupilFactory(school=school)
    with pytest.raises(TypeError, match="search_key, surname_key"):
        Pupil.objects.update(legal_surname="Smith")
    with pytest.raises(TypeError, match="reg_group_key"):
        Pupil.objects.update(reg_group="7B")
    assert Pupil.objects.update(year_group=8) == 1


def test_a_contact_keeps_its_name_and_phone_digits(pupil):
    contact = f.ContactFactory(pupil=pupil, name="Zeynep Çelik", phone="+44 (0)7700 900123")
    assert Contact.objects.get(pk=contact.pk).search_key == "zeynepcelik 07700900123"
    [made] = Contact.objects.bulk_create(
        [Contact(pupil=pupil, name="Piotr Nowak", relationship="Father", phone="07700 900456")]
    )
    assert Contact.objects.get(pk=made.pk).search_key == "piotrnowak 07700900456"


def test_an_import_makes_and_changes_the_keys(senco, school):
    old = f.PupilFactory(school=school, legal_surname="Smith", forename="Ann", reg_group="7A")
    text = csv_text(
        [
            row(1, **{"Legal Surname": "Şahin", "Legal Forename": "Elif", "Reg Group": "10K"}),
            row(
                2,
                UPN=old.upn,
                **{"Legal Surname": "Łukasiewicz", "Legal Forename": "Ann", "Reg Group": "7B"},
            ),
        ]
    )
    import_apply(school=school, actor=Actor(senco), text=text, filename="pupils.csv")
    new = Pupil.objects.get(legal_surname="Şahin")
    assert keys_of(new) == ("sahin", "elif", "sahin elif", "100010k")
    assert keys_of(old) == ("lukasiewicz", "ann", "lukasiewicz ann", "100007b")


def test_the_migration_makes_the_keys_of_pupils_saved_before_it(pupil):
    Pupil.objects.update(surname_key="", forename_key="", search_key="", reg_group_key="")
    Contact.objects.update(search_key="")
    name = "0002_search_and_sort_keys"
    migration = importlib.import_module(f"senco.pupils.migrations.{name}")
    # The models as the migration sees them: plain managers, no save() of ours.
    state = MigrationLoader(connection).project_state(("pupils", name))
    migration.fill_keys(state.apps, SimpleNamespace(connection=connection))
    assert keys_of(pupil)[:3] == ("obrienlukasiewicz", "zoe", "obrienlukasiewicz zoe")
    assert Contact.objects.get(pupil=pupil).search_key == "maryobrien"
