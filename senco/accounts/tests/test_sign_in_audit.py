"""Sign-ins, failed sign-ins, lockouts and sign-outs are in the audit log."""

from django.urls import reverse

from senco.audit.models import AuditEvent


def sign_in(client, password="correct-horse-battery", username="teacher"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="198.51.100.4"
    )


def test_a_sign_in_is_audited_with_who_and_where(client, teacher):
    assert sign_in(client).status_code == 302
    event = AuditEvent.objects.get(action="auth.sign_in")
    assert (event.user, event.pupil, event.school) == (teacher, None, None)
    assert event.ip_address == "198.51.100.4"


def test_a_failed_sign_in_records_the_username_not_the_password(client, teacher):
    sign_in(client, password="s3cret-typed")
    event = AuditEvent.objects.get(action="auth.sign_in_failed")
    assert event.user is None
    assert event.detail == {"username": "teacher"}
    assert event.ip_address == "198.51.100.4"
    assert "s3cret-typed" not in str(event.detail)


def test_an_unknown_username_is_recorded_too(client, db):
    sign_in(client, username="nobody")
    assert AuditEvent.objects.get(action="auth.sign_in_failed").detail == {"username": "nobody"}


def test_a_lockout_is_audited_once(client, teacher):
    for _ in range(7):
        sign_in(client, password="wrong-password")
    lockouts = AuditEvent.objects.filter(action="auth.locked_out")
    assert [e.detail for e in lockouts] == [{"username": "teacher"}]
    assert lockouts[0].ip_address == "198.51.100.4"
    failed = AuditEvent.objects.filter(action="auth.sign_in_failed").order_by("pk")
    assert failed.count() == 7
    assert [e.detail.get("locked_out", False) for e in failed] == [False] * 4 + [True] * 3


def test_a_sign_out_is_audited(client, teacher):
    sign_in(client)
    client.post(reverse("logout"), REMOTE_ADDR="198.51.100.4")
    event = AuditEvent.objects.get(action="auth.sign_out")
    assert event.user == teacher
    assert event.ip_address == "198.51.100.4"


def test_the_actions_have_plain_labels():
    from senco.audit.actions import label_for

    assert label_for("auth.sign_in") == "Signed in"
    assert label_for("auth.sign_in_failed") == "Failed to sign in"
    assert label_for("auth.locked_out") == "Locked out after too many sign-in attempts"
    assert label_for("auth.sign_out") == "Signed out"
