"""Writes of the money the provision is set against: the school's notional SEN budget for
an academic year and the top-up funding a local authority gives for a pupil. Each in a
transaction with its audit row; an edit from an old version is refused (`StaleVersion`);
negative money is refused."""

import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib import clock
from senco.lib.versions import check_version
from senco.provision.audit import ProvisionAction
from senco.provision.costs import money
from senco.provision.models import Funding, TopUp

NEGATIVE = "{label} must be £0 or more"


def _not_negative(name: str, label: str, value) -> None:
    if value is None:
        raise ValidationError({name: f"Enter the {label[0].lower()}{label[1:]}"})
    if Decimal(value) < 0:
        raise ValidationError({name: NEGATIVE.format(label=label)})


def funding_for(school, academic_year: int) -> Funding | None:
    return Funding.objects.filter(school=school, academic_year=academic_year).first()


def funding_version(funding: Funding | None) -> int:
    """0 before the budget is first recorded, so two first saves at once cannot both win."""
    return funding.version if funding else 0


@transaction.atomic
def funding_save(
    *, actor: Actor, school, academic_year: int, notional_budget: Decimal, version=None
) -> Funding:
    """Record or change the notional SEN budget for an academic year."""
    _not_negative("notional_budget", "Notional SEN budget", notional_budget)
    funding = (
        Funding.objects.select_for_update()
        .filter(school=school, academic_year=academic_year)
        .first()
    )
    check_version(
        version,
        funding_version(funding),
        theirs=lambda: [("notional_budget", "Notional SEN budget", funding.notional_budget)],
    )
    if funding is None:
        funding = Funding(school=school, academic_year=academic_year, version=0)
    funding.notional_budget = money(notional_budget)
    funding.version += 1
    funding.full_clean()
    funding.save()
    audit_record(
        actor=actor,
        school=school,
        action=ProvisionAction.FUNDING_SAVE,
        detail={
            "academic_year": academic_year,
            "notional_budget": str(funding.notional_budget),
            "version": funding.version,
        },
    )
    return funding


def top_up_version(top_up: TopUp) -> str:
    """A top-up's version: made of what it says now (it has no counter)."""
    state = f"{money(top_up.amount)}|{top_up.note}".encode()
    return hashlib.sha256(state).hexdigest()[:16]


def _top_up_current(top_up: TopUp) -> list:
    return [("amount", "Top-up funding", top_up.amount), ("note", "Note", top_up.note)]


def _audit_top_up(actor, top_up: TopUp, action) -> None:
    audit_record(
        actor=actor,
        pupil=top_up.pupil,
        school=top_up.pupil.school,
        action=action,
        detail={
            "top_up_id": top_up.pk,
            "academic_year": top_up.academic_year,
            "amount": str(top_up.amount),
        },
    )


@transaction.atomic
def top_up_add(
    *, actor: Actor, pupil, academic_year: int, amount: Decimal, note: str = ""
) -> TopUp:
    """Record a pupil's top-up funding for a year (one a year: change it if it is there)."""
    _not_negative("amount", "Top-up funding", amount)
    if TopUp.objects.filter(pupil=pupil, academic_year=academic_year).exists():
        raise ValidationError(
            {
                "pupil": f"{pupil.full_name} already has top-up funding recorded for "
                f"{clock.academic_year_label(academic_year)}: change that instead"
            }
        )
    top_up = TopUp(pupil=pupil, academic_year=academic_year, amount=money(amount), note=note)
    top_up.full_clean()
    top_up.save()
    _audit_top_up(actor, top_up, ProvisionAction.TOP_UP_ADD)
    return top_up


@transaction.atomic
def top_up_save(*, actor: Actor, top_up: TopUp, amount: Decimal, note: str = "", version=None):
    """Change a top-up's amount or note, from the version the form was opened at."""
    _not_negative("amount", "Top-up funding", amount)
    top_up = TopUp.objects.select_for_update().select_related("pupil__school").get(pk=top_up.pk)
    check_version(version, top_up_version(top_up), theirs=lambda: _top_up_current(top_up))
    top_up.amount, top_up.note = money(amount), note
    top_up.full_clean()
    top_up.save()
    _audit_top_up(actor, top_up, ProvisionAction.TOP_UP_SAVE)
    return top_up


@transaction.atomic
def top_up_remove(*, actor: Actor, top_up: TopUp, version=None) -> None:
    top_up = TopUp.objects.select_for_update().select_related("pupil__school").get(pk=top_up.pk)
    check_version(version, top_up_version(top_up), theirs=lambda: _top_up_current(top_up))
    _audit_top_up(actor, top_up, ProvisionAction.TOP_UP_REMOVE)
    top_up.delete()
