"""No lost updates on the register: a change from a form opened before someone else
changed the pupil's provision or needs is refused, showing what is saved now and keeping
what was typed; saving again from the refusal works."""

from django.urls import reverse

from senco.lib.versions import STALE_MESSAGE
from senco.plans.tests.test_no_lost_update import version_in
from senco.register.models import RegisterChange
from senco.register.tests.test_change import change_form
from senco.testing import assert_valid_html


def test_a_change_from_a_stale_tab_is_refused(client_for, senco, pupil):
    url = reverse("register_change", args=[pupil.pk])
    tab_1, tab_2 = client_for(senco), client_for(senco)
    opened_1, opened_2 = version_in(tab_1.get(url)), version_in(tab_2.get(url))
    assert opened_1 == opened_2

    first = tab_1.post(url, {**change_form(), "version": opened_1})
    assert first.status_code == 302
    second = tab_2.post(
        url,
        {
            **change_form(to_provision="K", to_primary_need="SEMH", to_secondary_need=""),
            "reason": "Anxiety at the review in March",
            "version": opened_2,
        },
    )
    assert second.status_code == 200
    assert_valid_html(second)
    page = second.content.decode()
    assert STALE_MESSAGE in page
    assert "Anxiety at the review in March" in page  # what was typed is kept
    assert "ASD" in page and "SEMH" in page  # saved now, beside what was typed
    pupil.refresh_from_db()
    assert (pupil.sen_provision, pupil.primary_need) == ("E", "ASD")
    assert RegisterChange.objects.filter(pupil=pupil).count() == 1

    again = tab_2.post(
        url,
        {
            **change_form(to_provision="E", to_primary_need="ASD", to_secondary_need="SEMH"),
            "version": version_in(second),
        },
    )
    assert again.status_code == 302
    pupil.refresh_from_db()
    assert (pupil.sen_provision, pupil.secondary_need) == ("E", "SEMH")
    assert RegisterChange.objects.filter(pupil=pupil).count() == 2
