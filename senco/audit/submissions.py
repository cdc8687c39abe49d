"""A form saved once, however often it is posted (`senco.lib.forms.OneTimeFormMixin`).

try:
    submit_once(form, lambda: services.note_add(actor=..., **form.cleaned_data))
except ValidationError as error:
    add_service_errors(form, error)
else:
    return redirect(...)  # the same answer to the second post as to the first
"""

import datetime
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from senco.audit.models import UsedFormToken

KEEP = datetime.timedelta(days=1)  # a resend after a day saves again


def form_token_claim(token) -> bool:
    """Record the token as used; False when it was used already. Call it inside the
    transaction that saves the form, so that a save that fails leaves the token unused."""
    if token is None:  # a form drawn before tokens, or by a client that sends none
        return True
    UsedFormToken.objects.filter(used_at__lt=timezone.now() - KEEP).delete()
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(token=token)
    except IntegrityError:
        return False
    return True


def submit_once(form, save: Callable[[], object]) -> bool:
    """Run `save()` unless the form's one-time token was used already, all in one
    transaction. True when it saved, False for a repeated post. An exception from `save()`
    (a ValidationError) leaves the token unused, so the corrected form can be saved."""
    with transaction.atomic():
        if not form_token_claim(form.form_token):
            return False
        save()
        return True
