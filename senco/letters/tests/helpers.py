"""What the letters tests share: posting the forms as a browser does."""

from django.urls import reverse

from senco.letters.models import Batch


def send_data(*contacts, kind="joined_register", channel="email", step="send", **extra):
    return {
        "kind": kind,
        "channel": channel,
        "contacts": [str(c.pk) for c in contacts],
        "step": step,
        **extra,
    }


def send_one(client, pupil, *contacts, **kwargs):
    return client.post(reverse("letters_send", args=[pupil.pk]), send_data(*contacts, **kwargs))


def bulk_data(kind="joined_register", channel="email", step="send", **extra):
    return {"kind": kind, "channel": channel, "step": step, **extra}


def latest_batch() -> Batch:
    return Batch.objects.order_by("-pk").first()
