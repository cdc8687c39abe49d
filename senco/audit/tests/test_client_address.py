"""The address an audit row records: REMOTE_ADDR, or the header AUDIT_CLIENT_IP_HEADER names.

Through real requests: opening a pupil's page (and changing the register) writes a row.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from senco.audit.models import AuditEvent
from senco.lib.forms import date_data

PROXY = "10.0.0.5"  # the address the request comes from: the proxy, or the client itself
CLIENT = "203.0.113.9"


def open_pupil(client, pupil, **meta) -> AuditEvent:
    response = client.get(reverse("pupil_detail", args=[pupil.pk]), **meta)
    assert response.status_code == 200
    return AuditEvent.objects.get(pupil=pupil, action="pupil.view")


@pytest.fixture
def as_senco(client_for, senco):
    return client_for(senco)


def test_without_the_setting_the_address_is_remote_addr(settings, as_senco, pupil):
    settings.AUDIT_CLIENT_IP_HEADER = ""
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY)
    assert event.ip_address == PROXY


def test_without_the_setting_a_forwarded_header_cannot_forge_the_address(settings, as_senco, pupil):
    settings.AUDIT_CLIENT_IP_HEADER = ""
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT)
    assert event.ip_address == PROXY


@pytest.mark.parametrize(
    "forwarded",
    [CLIENT, f"{CLIENT}, {PROXY}", f" {CLIENT} ,{PROXY},192.0.2.1"],
)
def test_behind_a_proxy_the_first_address_of_the_header_is_recorded(
    settings, as_senco, pupil, forwarded
):
    settings.AUDIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert event.ip_address == CLIENT


def test_behind_a_proxy_an_ipv6_client_is_recorded(settings, as_senco, pupil):
    settings.AUDIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2001:db8::1")
    assert event.ip_address == "2001:db8::1"


def test_behind_a_proxy_without_the_header_the_address_is_remote_addr(settings, as_senco, pupil):
    settings.AUDIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY)
    assert event.ip_address == PROXY


def test_behind_a_proxy_an_empty_header_falls_back_to_remote_addr(settings, as_senco, pupil):
    settings.AUDIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    event = open_pupil(as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="")
    assert event.ip_address == PROXY


def test_another_header_named_by_the_setting_is_read(settings, as_senco, pupil):
    settings.AUDIT_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    event = open_pupil(
        as_senco, pupil, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=CLIENT, HTTP_X_FORWARDED_FOR="192.0.2.1"
    )
    assert event.ip_address == CLIENT


def test_a_change_records_the_same_address(settings, as_senco, pupil):
    settings.AUDIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
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
        HTTP_X_FORWARDED_FOR=f"{CLIENT}, {PROXY}",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(pupil=pupil, action="register.change")
    assert event.ip_address == CLIENT


@pytest.mark.django_db
def test_a_forwarded_value_that_is_no_address_falls_back_to_the_peer(
    client_for, senco, pupil, settings
):
    settings.AUDIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    client_for(senco).get(
        reverse("pupil_detail", args=[pupil.pk]),
        REMOTE_ADDR="192.0.2.7",
        HTTP_X_FORWARDED_FOR="unknown",
    )
    assert AuditEvent.objects.get(pupil=pupil, action="pupil.view").ip_address == "192.0.2.7"
