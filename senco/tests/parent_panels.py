"""Helpers for the tests of the sections capabilities add to a parent's page about their
child (`registry.ParentPanel`): link a parent's account to a pupil, find one panel's
context, and render a panel inside a whole page to check its HTML."""

from types import SimpleNamespace

from django.template.loader import render_to_string

from senco import factories as f
from senco import registry
from senco.accounts.models import ParentLink
from senco.testing import assert_valid_html


def link_parent(user, pupil, **contact_fields):
    """A contact of `pupil` that `user`'s parent account stands for; returns the contact."""
    contact_fields.setdefault("name", "Sam Parent")
    contact_fields.setdefault("relationship", "Mother")
    contact = f.ContactFactory(pupil=pupil, **contact_fields)
    ParentLink.objects.create(user=user, contact=contact)
    return contact


def panel_context(template: str, pupil, contacts, today):
    """The context the registry gives the panel drawn by `template`, or None when the panel
    is left out."""
    shown = registry.parent_panels_for(pupil, contacts, today)
    return next((s.context for s in shown if s.template == template), None)


def render_panel(template: str, context: dict) -> str:
    return render_to_string(template, {"panel": context})


def assert_valid_panel(html: str) -> None:
    """Fail when the panel, placed in a page, is not well-formed HTML5."""
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Your child</title>'
        f"</head><body><main><h1>Your child</h1>{html}</main></body></html>"
    )
    assert_valid_html(SimpleNamespace(content=page.encode()))
