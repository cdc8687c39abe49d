"""Search and sort keys: names as people read them in English, phone numbers as digits,
registration groups in the order a school lists them.

The database cannot do this alike on SQLite and PostgreSQL (SQLite ignores case only for
ASCII letters and sorts by code point; PostgreSQL sorts by the server's locale), so the
keys are made here and stored beside what they are made from (see `senco.pupils.models`).
Pure functions: no models, no queries.
"""

import re
import unicodedata

# Letters that Unicode does not decompose into a plain letter and an accent, written as an
# English reader files them: Łucja with the Ls, Øyvind with the Os, Đorđe with the Ds.
LETTERS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ŀ": "l",
        "ŉ": "n",
        "ĸ": "k",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)

SEARCH_KEY_LENGTH = 400
NAME_KEY_LENGTH = 200
REG_GROUP_KEY_LENGTH = 40


def fold(text: str) -> str:
    """Lower case, accents removed, letters and digits only: "O'Brien-Łukasiewicz" gives
    "obrienlukasiewicz", "Çelik" gives "celik", "Strauß" gives "strauss".

    Letters of other scripts are kept (lower-cased), so a name written in them still sorts
    and matches itself.
    """
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in plain.translate(LETTERS) if ch.isalnum())


def name_key(text: str) -> str:
    """A name's sort key (see `fold`)."""
    return fold(text)[:NAME_KEY_LENGTH]


def names_key(*names: str) -> str:
    """The search key of several names: each folded, separated by spaces, so that a word
    looked for (folded too, so with no spaces) never matches across two names."""
    return " ".join(key for key in (fold(n) for n in names) if key)[:SEARCH_KEY_LENGTH]


def phone_digits(text: str) -> str:
    """A phone number as its digits, a UK number in its national form:
    "+44 (0)7700 900123" and "07700 900123" both give "07700900123"."""
    text = (text or "").strip()
    digits = "".join(ch for ch in text if ch in "0123456789")
    if text.startswith("00"):
        digits = digits[2:]
    if text.startswith(("+", "00")) and digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0")
    return digits


def reg_group_key(text: str) -> str:
    """A registration group's sort key: by its leading number, then the rest, so that 7K
    comes before 10K and 10K before 11A. Groups with no leading number (RA, Oak) come first,
    as Nursery and Reception do in a primary school."""
    match = re.match(r"\s*(\d+)(.*)", text or "")
    if match is None:
        return ("0" + fold(text))[:REG_GROUP_KEY_LENGTH]
    number = min(int(match[1]), 99999)
    return f"1{number:05d}{fold(match[2])}"[:REG_GROUP_KEY_LENGTH]


def sorted_reg_groups(groups) -> list[str]:
    """Registration groups in a school's order (see `reg_group_key`)."""
    return sorted(groups, key=lambda group: (reg_group_key(group), group))
