"""The address an audit row records: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies,
the address those proxies appended to X-Forwarded-For; never an entry the client wrote.

Through real requests: opening a pupil's page (and changing the register) writes a row.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from senco.audit.models import AuditEvent
from senco.lib.forms import date_data

PROXY = "10.0.0.5"  # the address the request comes from: the proxy, or the client itself
CLIENT = "203.0.113.9"
FORGED = "198.51.100.66"  # what a client writes into X-Forwarded-For itself


def open_pupil(client, pupil, **meta) -> AuditEvent:
    response = client.get(reverse("pupil_detail", args=[pupil.pk]), **meta)
    assert response.status_code == 200
    return AuditEvent.objects.get(pupil=pupil, action="pupil.view")


@pytest.fixture
def as_senco(client_for, senco):
    return client_for(senco)


def test_without_the_setting_the_address_is_remote_addr(settings, as_senco, pupil):
    settings.TRUSTED_PROXY_COUNT = 0
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY)
    assert event.ip_address == PROXY


def test_without_the_setting_a_forwarded_header_cannot_forge_the_address(settings, as_senco, pupil):
    settings.TRUSTED_PROXY_COUNT = 0
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT)
    assert event.ip_address == PROXY


@pytest.mark.parametrize(
    "forwarded",
    [CLIENT, f"{FORGED}, {CLIENT}", f" {FORGED} ,192.0.2.1, {CLIENT} "],
)
def test_behind_one_proxy_the_right_most_address_is_recorded(settings, as_senco, pupil, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert event.ip_address == CLIENT


@pytest.mark.parametrize(
    "forwarded",
    [f"{CLIENT}, {PROXY}", f"{FORGED}, {CLIENT}, {PROXY}"],
)
def test_behind_two_proxies_the_second_address_from_the_right_is_recorded(
    settings, as_senco, pupil, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 2
    event = open_pupil(as_senco, pupil, REMOTE_ADDR="10.0.0.6", HTTP_X_FORWARDED_FOR=forwarded)
    assert event.ip_address == CLIENT


def test_a_forged_left_most_entry_is_never_trusted(settings, as_senco, pupil):
    settings.TRUSTED_PROXY_COUNT = 1
    event = open_pupil(
        as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{FORGED}, {CLIENT}"
    )
    assert event.ip_address != FORGED


def test_fewer_entries_than_proxies_falls_back_to_remote_addr(settings, as_senco, pupil):
    settings.TRUSTED_PROXY_COUNT = 2
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT)
    assert event.ip_address == PROXY


def test_behind_a_proxy_an_ipv6_client_is_recorded(settings, as_senco, pupil):
    settings.TRUSTED_PROXY_COUNT = 1
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2001:db8::1")
    assert event.ip_address == "2001:db8::1"


def test_behind_a_proxy_without_the_header_the_address_is_remote_addr(settings, as_senco, pupil):
    settings.TRUSTED_PROXY_COUNT = 1
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY)
    assert event.ip_address == PROXY


def test_behind_a_proxy_an_empty_header_falls_back_to_remote_addr(settings, as_senco, pupil):
    settings.TRUSTED_PROXY_COUNT = 1
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="")
    assert event.ip_address == PROXY


def test_other_headers_are_never_read(settings, as_senco, pupil):
    settings.TRUSTED_PROXY_COUNT = 1
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=FORGED)
    assert event.ip_address == PROXY


def test_a_change_records_the_same_address(settings, as_senco, pupil):
    settings.TRUSTED_PROXY_COUNT = 1
    response = as_senco.post(
        reverse("register_change", args=[pupil.pk]),
        {
            "to_provision": "E",
            "to_primary_need": "ASD",
            "to_secondary_need": "",
            **date_data("effective_date", timezone.localdate()),
            "reason": "EHC plan issued by the local authority",
        },
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"{FORGED}, {CLIENT}",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(pupil=pupil, action="register.change")
    assert event.ip_address == CLIENT


@pytest.mark.django_db
def test_a_forwarded_value_that_is_no_address_falls_back_to_the_peer(
    client_for, senco, pupil, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    client_for(senco).get(
        reverse("pupil_detail", args=[pupil.pk]),
        REMOTE_ADDR="192.0.2.7",
        HTTP_X_FORWARDED_FOR=f"{CLIENT}, unknown",
    )
    assert AuditEvent.objects.get(pupil=pupil, action="pupil.view").ip_address == "192.0.2.7"
