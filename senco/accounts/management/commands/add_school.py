"""Set up a school and its first SENCO on a new server (docs/deploy.md, step 5).

    manage.py add_school --trust "Oakfield Learning Trust" --name "Oakfield Primary" \
        --urn 123456 --phase primary --username a.senco --first-name Alex \
        --last-name Senco --email a.senco@oakfield.example.org

Prints a one-time password for the SENCO, who must choose their own at first sign-in.
Nothing is saved when anything is wrong, and the message says which option to fix.
"""

import re
import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from senco.accounts.services import school_set_up
from senco.audit.actor import Actor
from senco.schools.models import School

OPTIONS = {
    "trust": "the trust's name (a school that stands alone: its own name)",
    "name": "the school's name",
    "urn": "the school's unique reference number, 6 digits (Get Information about Schools)",
    "phase": "primary, secondary or all-through",
    "username": "the SENCO's sign-in name",
    "first_name": "the SENCO's first name",
    "last_name": "the SENCO's last name",
    "email": "the SENCO's work email (for a forgotten password)",
}
# Model field names that differ from the options.
FIELD_OPTION = {"trust_name": "trust", "username": "username"}


class Command(BaseCommand):
    help = "Set up a school and its first SENCO, who chooses a password at first sign-in."

    def add_arguments(self, parser):
        for option, text in OPTIONS.items():
            parser.add_argument(f"--{option.replace('_', '-')}", required=True, help=text)

    def handle(self, *args, **options):
        values = {k: options[k].strip() for k in OPTIONS}
        if not re.fullmatch(r"\d{6}", values["urn"]):
            raise CommandError("--urn: enter the school's 6-digit URN, like 123456.")
        if values["phase"] not in School.Phase.values:
            raise CommandError(f"--phase: choose one of {', '.join(School.Phase.values)}.")
        if School.objects.filter(urn=values["urn"]).exists():
            raise CommandError(f"--urn: a school with URN {values['urn']} is already set up.")
        password = secrets.token_urlsafe(12)
        try:
            school, membership = school_set_up(
                actor=Actor.system(),
                trust_name=values["trust"],
                password=password,
                **{k: v for k, v in values.items() if k != "trust"},
            )
        except ValidationError as error:
            raise CommandError(_explain(error)) from None
        self.stdout.write(
            f"Set up {school.name} (URN {school.urn}) in {school.trust.name}.\n"
            f"{membership.user.get_full_name()} signs in as {membership.user.username} with "
            f"this one-time password, then chooses their own:\n\n    {password}\n\n"
            "It is shown only now. They add everyone else from the Staff page."
        )


def _explain(error: ValidationError) -> str:
    """Each problem with the option to fix."""
    lines = []
    for field, messages in error.message_dict.items():
        option = FIELD_OPTION.get(field, field).replace("_", "-")
        if option not in {o.replace("_", "-") for o in OPTIONS}:
            option = "password" if field == "password" else option
        lines += [f"--{option}: {m}" for m in messages]
    return "Nothing was saved. " + " ".join(lines)
