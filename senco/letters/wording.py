"""The default wording of each kind of letter, and the tiny safe syntax that fills it.

A placeholder is a name in braces, `{child_first_name}`. Filling replaces each known name
from a fixed dictionary with one regular expression; nothing else in the text is read, so
a school's own wording can never run code or reach an attribute (never `str.format` or a
template engine on text a person typed). Each kind has its own placeholders: a wording
that names one it does not have is refused when saved, by name.
"""

import re
from dataclasses import dataclass

from senco.letters.models import Kind

PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]*)\}")

# Every placeholder, with what it is filled with, for the wording page's list.
DESCRIPTIONS = {
    "child_first_name": "The child's first name (their preferred name if they have one)",
    "child_name": "The child's full name",
    "contact_name": "The name of the parent or carer the letter is to",
    "school_name": "The school's name",
    "senco_name": "The SENCO's name",
    "provision": "SEN support, or an EHC plan",
    "date": "The date of the review meeting",
    "time": "The time of the review meeting",
    "intervention": "The name of the intervention",
    "how_often": "When and how often the group meets",
    "review_day_date": "The date of the review day",
    "review_day_times": "The times of the review day's appointments",
    "how_to_book": "How to book an appointment",
}
COMMON = ("child_first_name", "child_name", "contact_name", "school_name", "senco_name")
BY_KIND = {
    Kind.JOINED_REGISTER: (*COMMON, "provision"),
    Kind.LEFT_REGISTER: COMMON,
    Kind.STARTING_INTERVENTION: (*COMMON, "intervention", "how_often"),
    Kind.REVIEW_INVITATION: (*COMMON, "provision", "date", "time"),
    Kind.REVIEW_DAY: (*COMMON, "review_day_date", "review_day_times", "how_to_book"),
}


@dataclass(frozen=True)
class Default:
    subject: str
    body: str


SIGN_OFF = "\n\nWith best wishes,\n\n{senco_name}\nSENCO, {school_name}"

DEFAULTS = {
    Kind.JOINED_REGISTER: Default(
        "{child_first_name} and extra help at school",
        "Dear {contact_name},\n\n"
        "I am writing to let you know that {child_name} is now on our register of pupils "
        "with special educational needs, at {provision}. This means that school will plan "
        "some extra help for {child_first_name}, check how it is going and talk it through "
        "with you.\n\n"
        "You know {child_first_name} best, so we would like to hear from you: what is going "
        "well, what worries you, and what helps at home. We will invite you to a meeting "
        "soon, and we will meet at least three times a year.\n\n"
        "If you have any questions, please get in touch." + SIGN_OFF,
    ),
    Kind.LEFT_REGISTER: Default(
        "{child_first_name} no longer needs extra help at school",
        "Dear {contact_name},\n\n"
        "Good news: {child_name} has made such good progress that they no longer need the "
        "extra help we plan for pupils with special educational needs, so we have taken "
        "them off our register.\n\n"
        "We will keep an eye on how {child_first_name} gets on, as we do for every pupil. "
        "If you ever have a worry, please get in touch and we will talk it through." + SIGN_OFF,
    ),
    Kind.STARTING_INTERVENTION: Default(
        "{child_first_name} is starting {intervention}",
        "Dear {contact_name},\n\n"
        "I am writing to let you know that {child_first_name} is starting {intervention}, "
        "a small group that gives some extra help. The group meets {how_often}.\n\n"
        "We will check how {child_first_name} is getting on at the start and at the end, "
        "and let you know. If you would like to know more, or to help at home, please get "
        "in touch." + SIGN_OFF,
    ),
    Kind.REVIEW_INVITATION: Default(
        "Invitation: a meeting about {child_first_name}",
        "Dear {contact_name},\n\n"
        "I would like to invite you to a meeting about {child_first_name} on {date} at "
        "{time}. We will look at how {child_first_name} is getting on, what is helping and "
        "what we will do next, and we would like to hear your views.\n\n"
        "If this time does not suit you, please let us know and we will find another." + SIGN_OFF,
    ),
    Kind.REVIEW_DAY: Default(
        "Invitation: SEND parent review day on {review_day_date}",
        "Dear {contact_name},\n\n"
        "We are holding a SEND parent review day on {review_day_date}, with appointments "
        "{review_day_times}. It is a chance to talk about how {child_first_name} is getting "
        "on, what is helping and what we will do next.\n\n"
        "{how_to_book}\n\n"
        "If none of the times suit you, please let us know and we will find another." + SIGN_OFF,
    ),
}


def placeholders_for(kind: str) -> tuple[str, ...]:
    return BY_KIND[Kind(kind)]


def unknown_placeholders(kind: str, *texts: str) -> list[str]:
    """The placeholders in the texts that this kind of letter does not have, in order."""
    allowed = set(placeholders_for(kind))
    found = []
    for text in texts:
        for name in PLACEHOLDER.findall(text or ""):
            if name not in allowed and name not in found:
                found.append(name)
    return found


def unknown_message(kind: str, name: str) -> str:
    names = ", ".join("{" + p + "}" for p in placeholders_for(kind))
    return f"{{{name}}} is not a placeholder: use one of {names}"


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each known placeholder replaced by its value; anything else in braces
    is left as it is."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return PLACEHOLDER.sub(replace, text)
