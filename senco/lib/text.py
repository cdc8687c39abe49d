"""Small pieces of plain English, written once."""

import functools


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 pupil', '3 pupils', '2 children' (with plural_form='children')."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"


def long_date(day) -> str:
    """'5 March 2027': a date (or a moment, already in local time) as the templates'
    `date:"j F Y"` writes it, for pages and files built in Python."""
    return f"{day.day} {day:%B %Y}"


def initials(*names: str) -> str:
    """'Zoë', "O'Brien-Łukasiewicz" -> 'ZOŁ': the first letter of each name and of each part
    of a double-barrelled one, for what leaves the system (an emailed reminder, a calendar
    feed) where a full name should not."""
    parts = [part for name in names for part in name.replace("-", " ").split()]
    return "".join(part[0] for part in parts if part).upper()


# The same names come round in every row of a long list (a pupil's reviews, a school's
# events): worked out once each, for a bounded number of names.
cached_initials = functools.lru_cache(maxsize=4096)(initials)


def person_name(first_name: str, last_name: str, username: str) -> str:
    """A person by the three columns of their account, as `str(user)` writes them: Django's
    `get_full_name()`, else the username. For names read as values, not as users."""
    return f"{first_name} {last_name}".strip() or username
