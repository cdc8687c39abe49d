"""The pupil page's "Letters to the family" and the letter it suggests."""

import datetime

import pytest
from django.urls import reverse

from senco.audit.actor import Actor
from senco.letters import services
from senco.letters.models import Channel, Kind
from senco.register.services import register_change_record


def _join(senco, pupil):
    pupil.sen_provision = "N"
    pupil.save()
    return register_change_record(
        actor=Actor(senco),
        pupil=pupil,
        to_provision="K",
        to_primary_need="SLCN",
        to_secondary_need="",
        reason="Assessed",
        effective_date=datetime.date(2026, 11, 3),
    )


def test_a_pupil_who_joined_the_register_gets_a_suggested_letter(client_for, senco, pupil):
    _join(senco, pupil)
    client = client_for(senco)
    html = client.get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert "Zoë joined the SEN register on 3 November: no letter sent yet" in html
    assert "?kind=joined_register" in html
    services.letters_send(
        actor=Actor(senco),
        school=pupil.school,
        kind=Kind.JOINED_REGISTER,
        channel=Channel.LETTER,
        pupils=[pupil],
    )
    html = client.get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert "no letter sent yet" not in html
    assert "Zoë and extra help at school" in html


def _send(senco, pupil, kind):
    services.letters_send(
        actor=Actor(senco), school=pupil.school, kind=kind, channel=Channel.LETTER, pupils=[pupil]
    )


@pytest.mark.parametrize("later", [0, 2, 3, 5])
def test_the_letter_counts_however_many_letters_came_after_it(later, client_for, senco, pupil):
    """The panel reads the newest three letters; a joined-the-register letter older than
    them still counts (a query more), and an older one before the move does not."""
    _join(senco, pupil)
    _send(senco, pupil, Kind.JOINED_REGISTER)
    for _ in range(later):
        _send(senco, pupil, Kind.LEFT_REGISTER)
    client = client_for(senco)
    html = client.get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert "no letter sent yet" not in html
    html = client.get(reverse("letters_pupil_log", args=[pupil.pk])).content.decode()
    assert "no letter sent yet" not in html


@pytest.mark.parametrize("later", [0, 4])
def test_a_letter_of_another_kind_is_no_letter(later, client_for, senco, pupil):
    _join(senco, pupil)
    for _ in range(later):
        _send(senco, pupil, Kind.LEFT_REGISTER)
    html = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert "no letter sent yet" in html


def test_the_teacher_sees_the_letters_but_cannot_send(client_for, senco, teacher, pupil):
    _join(senco, pupil)
    html = client_for(teacher).get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert "Letters to the family" in html
    assert "no letter sent yet" not in html
    assert reverse("letters_send", args=[pupil.pk]) not in html


def test_the_suggested_kind_is_chosen_on_the_form(client_for, senco, pupil):
    url = reverse("letters_send", args=[pupil.pk]) + "?kind=left_register"
    html = client_for(senco).get(url).content.decode()
    assert 'value="left_register" checked' in html


def test_a_group_page_links_to_telling_its_families(client_for, senco, school, group):
    url = reverse("provision_group_detail", args=[school.urn, group.pk])
    html = client_for(senco).get(url).content.decode()
    bulk = reverse("letters_bulk", args=[school.urn])
    assert f"{bulk}?kind=starting_intervention&amp;group={group.pk}" in html


@pytest.mark.parametrize("value", ["²", "-1", "0", "9" * 30, "abc", "%00", "\u202e", "x" * 5000])
def test_the_letter_forms_take_any_query(value, client_for, senco, school, pupil):
    client = client_for(senco)
    for url in (
        reverse("letters_send", args=[pupil.pk]),
        reverse("letters_bulk", args=[school.urn]),
        reverse("letters_batches", args=[school.urn]),
    ):
        response = client.get(url, {"kind": value, "group": value, "day": value, "page": value})
        assert response.status_code == 200, url


def test_the_settings_and_home_pages_link_to_letters(client_for, senco, leader, school):
    settings_page = client_for(senco).get(reverse("school_settings", args=[school.urn]))
    assert reverse("letters_wording", args=[school.urn]).encode() in settings_page.content
    for user in (senco, leader):
        home = client_for(user).get(reverse("home"))
        assert reverse("letters_batches", args=[school.urn]).encode() in home.content
