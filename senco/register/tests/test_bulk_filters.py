"""A bulk action or a download never widens to the whole school when a filter is stale."""

import datetime

from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.lib.forms import date_data
from senco.pupils.models import Pupil


def test_parents_told_for_all_refuses_a_stale_registration_group(client_for, senco, school):
    f.SenPupilFactory.create_batch(3, school=school, reg_group="7K", parents_not_told=True)
    url = reverse("register_parents_told_all", args=[school.urn]) + "?reg=7Z&not_told=on"
    response = client_for(senco).post(url, date_data("told_on", school_day()))
    assert response.status_code == 302
    assert "reg=7Z" in response["Location"]
    assert Pupil.objects.filter(parents_not_told=True).count() == 3


def test_the_download_refuses_a_stale_filter(client_for, senco, school):
    f.SenPupilFactory.create_batch(3, school=school, reg_group="7K")
    url = reverse("register_export", args=[school.urn]) + "?reg=7Z"
    response = client_for(senco).get(url)
    assert response.status_code == 302
    assert response.get("Content-Disposition") is None


def test_a_valid_filter_still_downloads(client_for, senco, school):
    f.SenPupilFactory(school=school, reg_group="7K")
    url = reverse("register_export", args=[school.urn]) + "?reg=7K"
    assert client_for(senco).get(url)["Content-Type"].startswith("text/csv")


def school_day():
    return timezone.localdate() - datetime.timedelta(days=1)
