"""No lost updates: two tabs open the passport (or profile); the second save is refused,
keeps what it typed and shows the sections the other person changed, and nothing of
theirs is put back. Merging and saving again works."""

from django.urls import reverse

from senco.lib.versions import STALE_MESSAGE
from senco.plans.tests.test_no_lost_update import version_in
from senco.profiles.tests.conftest import save_passport
from senco.testing import assert_valid_html


def test_the_second_passport_save_is_refused(client_for, senco, teacher, pupil):
    save_passport(pupil, senco, what_helps_me="A quiet desk", i_enjoy="Football")
    url = reverse("passport_edit", args=[pupil.pk])
    tab_1, tab_2 = client_for(senco), client_for(senco)
    opened = version_in(tab_1.get(url))
    assert opened == version_in(tab_2.get(url)) == "1"

    first = tab_1.post(
        url, {"version": opened, "what_helps_me": "A quiet desk and a timer", "i_enjoy": "Football"}
    )
    assert first.status_code == 302
    second = tab_2.post(
        url, {"version": opened, "what_helps_me": "A quiet desk", "i_enjoy": "Football and art"}
    )
    assert second.status_code == 200
    assert_valid_html(second)
    page = second.content.decode()
    assert STALE_MESSAGE in page
    assert "A quiet desk and a timer" in page  # theirs
    assert "Football and art" in page  # what this tab typed, kept
    latest = pupil.passport_versions.order_by("-number").first()
    assert (latest.number, latest.what_helps_me, latest.i_enjoy) == (
        2,
        "A quiet desk and a timer",
        "Football",
    )
    assert version_in(second) == "2"
    merged = tab_2.post(
        url,
        {
            "version": "2",
            "what_helps_me": "A quiet desk and a timer",
            "i_enjoy": "Football and art",
        },
    )
    assert merged.status_code == 302
    latest = pupil.passport_versions.order_by("-number").first()
    assert (latest.number, latest.what_helps_me, latest.i_enjoy) == (
        3,
        "A quiet desk and a timer",
        "Football and art",
    )


def test_a_profile_save_after_a_passport_change_elsewhere_is_kept(client_for, senco, pupil):
    """The profile form edits none of the passport's sections, which are copied from the
    latest version: nothing of the other save can be lost, so nothing is refused."""
    save_passport(pupil, senco, what_helps_me="A quiet desk")
    profile_url = reverse("profile_edit", args=[pupil.pk])
    client = client_for(senco)
    opened = version_in(client.get(profile_url))
    save_passport(pupil, senco, what_helps_me="A timer")
    saved = client.post(profile_url, {"version": opened, "important_to_me": "My dog"})
    assert saved.status_code == 302
    latest = pupil.passport_versions.order_by("-number").first()
    assert (latest.what_helps_me, latest.important_to_me) == ("A timer", "My dog")


def test_a_stale_profile_save_is_refused(client_for, senco, pupil):
    save_passport(pupil, senco, important_to_me="My dog")
    url = reverse("profile_edit", args=[pupil.pk])
    client = client_for(senco)
    opened = version_in(client.get(url))
    save_passport(pupil, senco, important_to_me="My dog and my gran")
    refused = client.post(url, {"version": opened, "important_to_me": "My dog and football"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert STALE_MESSAGE in page
    assert "My dog and my gran" in page
    assert "My dog and football" in page
    assert pupil.passport_versions.order_by("-number").first().important_to_me == (
        "My dog and my gran"
    )
