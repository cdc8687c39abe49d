"""Writing a passport and profile: versions, the pupil's own words, history and comparing."""

import datetime

from django.urls import reverse
from django.utils import timezone

from senco.audit.models import AuditEvent
from senco.profiles.models import PassportVersion
from senco.profiles.tests.conftest import add_photo, save_passport
from senco.testing import assert_valid_html

FORM = {
    "i_enjoy": "Drawing and football",
    "what_helps_me": "A visual timetable",
    "what_helps_me_by_pupil": "on",
    "find_difficult": "Noisy rooms",
}


def test_the_senco_writes_version_1(client_for, senco, pupil):
    response = client_for(senco).post(reverse("passport_edit", args=[pupil.pk]), FORM)
    assert response.status_code == 302
    assert response["Location"] == reverse("passport_detail", args=[pupil.pk])
    v = PassportVersion.objects.get(pupil=pupil)
    assert (v.number, v.saved_by, v.reviewed) == (1, senco, True)
    assert v.what_helps_me == "A visual timetable"
    assert v.pupil_wrote == ["what_helps_me"]
    event = AuditEvent.objects.get(action="passport.save")
    assert event.pupil == pupil
    assert event.detail["version"] == 1


def test_editing_makes_version_2_and_keeps_1(client_for, senco, pupil):
    client = client_for(senco)
    url = reverse("passport_edit", args=[pupil.pk])
    client.post(url, FORM)
    client.post(url, {**FORM, "what_helps_me": "A visual timetable and a quiet space"})
    v1, v2 = PassportVersion.objects.filter(pupil=pupil).order_by("number")
    assert v1.what_helps_me == "A visual timetable"
    assert v2.what_helps_me == "A visual timetable and a quiet space"
    assert (v2.number, v2.reviewed) == (2, False)


def test_saving_with_no_change_makes_no_version(client_for, senco, pupil):
    client = client_for(senco)
    url = reverse("passport_edit", args=[pupil.pk])
    client.post(url, FORM)
    response = client.post(url, FORM, follow=True)
    assert PassportVersion.objects.filter(pupil=pupil).count() == 1
    assert b"Nothing had changed" in response.content


def test_a_review_with_no_change_is_a_new_version(client_for, senco, pupil):
    client = client_for(senco)
    url = reverse("passport_edit", args=[pupil.pk])
    client.post(url, FORM)
    client.post(url, {**FORM, "reviewed": "on"})
    assert PassportVersion.objects.get(pupil=pupil, number=2).reviewed


def test_the_profile_keeps_the_passport_and_the_pupils_words(client_for, senco, pupil):
    client = client_for(senco)
    client.post(reverse("passport_edit", args=[pupil.pk]), FORM)
    client.post(
        reverse("profile_edit", args=[pupil.pk]),
        {
            "important_to_me": "My dog, Biscuit",
            "important_to_me_by_pupil": "on",
            "in_my_own_words": 'I like it when people say "well done" quietly',
        },
    )
    v2 = PassportVersion.objects.get(pupil=pupil, number=2)
    assert v2.what_helps_me == "A visual timetable"
    assert v2.pupil_wrote == ["important_to_me", "what_helps_me"]
    page = client.get(reverse("profile_detail", args=[pupil.pk]))
    assert_valid_html(page)
    html = page.content.decode()
    assert "In my own words" in html
    assert "&ldquo;I like it when people say &quot;well done&quot; quietly&rdquo;" in html
    assert "In Zoë's own words" in html


def test_the_passport_page_shows_register_facts_and_audits(client_for, teacher, pupil, passport):
    response = client_for(teacher).get(reverse("passport_detail", args=[pupil.pk]))
    assert_valid_html(response)
    html = response.content.decode()
    assert "SEN support since 10 September 2025" in html
    assert "Speech, language and communication needs" in html
    assert "Sitting near the front &amp; a visual timetable" in html
    # A teacher who may not write sees no button to.
    assert reverse("passport_edit", args=[pupil.pk]) not in html
    assert AuditEvent.objects.filter(user=teacher, pupil=pupil, action="passport.view").exists()


def test_a_pupil_with_no_passport_says_so(client_for, senco, pupil):
    response = client_for(senco).get(reverse("passport_detail", args=[pupil.pk]))
    assert b"No passport has been written" in response.content
    assert b"Write the passport" in response.content
    assert b"Out of date" in response.content


def test_too_long_text_is_refused_and_kept(client_for, senco, pupil):
    long = "word " * 500
    response = client_for(senco).post(
        reverse("passport_edit", args=[pupil.pk]), {**FORM, "my_targets": long}
    )
    assert response.status_code == 200
    assert_valid_html(response)
    assert b"There is a problem" in response.content
    assert b"Drawing and football" in response.content
    assert not PassportVersion.objects.exists()


def test_history_shows_who_changed_what(client_for, senco, leader, pupil, school):
    save_passport(pupil, senco, what_helps_me="A timetable")
    save_passport(pupil, senco, what_helps_me="A timetable", my_targets="Read aloud")
    response = client_for(leader).get(reverse("passport_history", args=[pupil.pk]))
    assert_valid_html(response)
    html = response.content.decode()
    assert "First written" in html
    assert "My targets are" in html
    assert str(senco) in html
    assert "?old=1&amp;new=2" in html
    assert AuditEvent.objects.filter(action="passport.history.view", user=leader).exists()


def test_compare_shows_the_words_changed(client_for, senco, pupil):
    save_passport(pupil, senco, what_helps_me="A timetable on <my> desk")
    save_passport(pupil, senco, what_helps_me="A picture timetable on <my> desk")
    url = reverse("passport_compare", args=[pupil.pk])
    response = client_for(senco).get(url, {"old": 2, "new": 1})
    assert_valid_html(response)
    html = response.content.decode()
    assert "Version 1 and version 2" in html
    assert "<ins>picture</ins>" in html
    assert "&lt;my&gt;" in html
    assert "<my>" not in html
    assert AuditEvent.objects.filter(action="passport.compare.view").exists()


def test_compare_the_same_version_twice_is_an_error(client_for, senco, pupil):
    save_passport(pupil, senco, what_helps_me="A")
    save_passport(pupil, senco, what_helps_me="B")
    response = client_for(senco).get(
        reverse("passport_compare", args=[pupil.pk]), {"old": 1, "new": 1}
    )
    assert_valid_html(response)
    assert b"Choose two different versions" in response.content


def test_compare_a_version_that_is_not_there_is_an_error(client_for, senco, pupil):
    save_passport(pupil, senco, what_helps_me="A")
    response = client_for(senco).get(
        reverse("passport_compare", args=[pupil.pk]), {"old": 1, "new": 9}
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content


def test_the_passport_says_when_it_is_out_of_date(client_for, senco, pupil):
    v = save_passport(pupil, senco, what_helps_me="A")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    PassportVersion.objects.filter(pk=v.pk).update(saved_at=long_ago)
    response = client_for(senco).get(reverse("passport_detail", args=[pupil.pk]))
    assert b"Out of date" in response.content
    PassportVersion.objects.filter(pk=v.pk).update(saved_at=timezone.now())
    response = client_for(senco).get(reverse("passport_detail", args=[pupil.pk]))
    assert b"Out of date" not in response.content


def test_the_history_lists_photo_changes(client_for, senco, pupil):
    add_photo(pupil, by=senco)
    html = client_for(senco).get(reverse("passport_history", args=[pupil.pk])).content.decode()
    assert 'id="photo-changes"' in html
    assert "Added a photo by" in html


def test_the_version_pickers_start_at_the_two_latest(client_for, senco, pupil):
    for n in range(3):
        save_passport(pupil, by=senco, what_helps_me=f"Version {n}")
    response = client_for(senco).get(reverse("passport_history", args=[pupil.pk]))
    form = response.context["compare_form"]
    assert (form["old"].value(), form["new"].value()) == (2, 3)
    assert_valid_html(response)
