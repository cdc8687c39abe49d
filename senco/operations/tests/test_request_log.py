"""One JSON line per request, with no pupil's name or anything from the page in it."""

import json
import logging

import pytest
from django.urls import reverse


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="senco.requests")

    def lines():
        return [json.loads(r.getMessage()) for r in caplog.records if r.name == "senco.requests"]

    return lines


def test_a_pupil_page_is_logged_without_the_pupils_name(
    client_for, senco, pupil, request_lines, caplog
):
    response = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]), {"q": "O'Brien"})
    assert response.status_code == 200
    assert "Łukasiewicz".encode() in response.content  # the page has the name
    (line,) = request_lines()
    assert line["route"] == "pupil_detail"
    assert line["status"] == 200 and line["user_id"] == senco.pk
    assert line["path"] == f"/pupils/{pupil.pk}/"
    assert line["ms"] > 0
    assert response["X-Request-ID"] == line["request_id"]
    logged = caplog.text
    for name in ("Łukasiewicz", pupil.forename, "Brien", "Mary"):
        assert name not in logged


def test_a_proxys_request_id_is_kept_if_it_looks_like_one(client, db, request_lines):
    client.get(reverse("login"), HTTP_X_REQUEST_ID="abc123-proxy-id")
    client.get(reverse("login"), HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    first, second = request_lines()
    assert first["request_id"] == "abc123-proxy-id"
    assert second["request_id"] != "<script>alert(1)</script>" and len(second["request_id"]) == 32
    assert first["user_id"] is None
