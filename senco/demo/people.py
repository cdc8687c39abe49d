"""Names as a school in England might have them on its roll, drawn from senco/demo/names.py."""

import random
import re
import unicodedata
from dataclasses import dataclass

from senco.demo.names import FEMALE_SURNAME, HERITAGES
from senco.lib.codes import Sex

HERITAGE_KEYS = list(HERITAGES)
HERITAGE_WEIGHTS = [HERITAGES[k][0] for k in HERITAGE_KEYS]
MALE_SURNAME = {female: male for male, female in FEMALE_SURNAME.items()}
# Heritage -> (boys' names, girls' names, surnames, chance of EAL).
NAME_LISTS = {
    key: (boys.split(), girls.split(), surnames.split(), eal)
    for key, (_, boys, girls, surnames, eal) in HERITAGES.items()
}


def female_surname(surname: str) -> str:
    if surname in FEMALE_SURNAME:
        return FEMALE_SURNAME[surname]
    for male, female in (("ski", "ska"), ("cki", "cka")):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    return surname


@dataclass
class Person:
    forename: str
    surname: str
    sex: str
    heritage: str


def make_person(rng: random.Random, sex: str | None = None, heritage: str = "") -> Person:
    """A name as a school in England might have on its roll."""
    heritage = heritage or rng.choices(HERITAGE_KEYS, HERITAGE_WEIGHTS)[0]
    sex = sex or rng.choice([Sex.MALE, Sex.FEMALE])
    boys, girls, surnames, _ = NAME_LISTS[heritage]
    forename_list = boys if sex == Sex.MALE else girls
    roll = rng.random()
    if heritage != "british" and roll < 0.06:
        # Mixed heritage: a British forename with this family's surname.
        forename_list = NAME_LISTS["british"][0 if sex == Sex.MALE else 1]
    forename = rng.choice(forename_list)
    surname = rng.choice(surnames)
    if heritage == "british" and roll < 0.05:
        other = rng.choice(surnames)
        if other != surname:
            surname = f"{surname}-{other}"
    if sex == Sex.FEMALE:
        surname = female_surname(surname)
    return Person(forename, surname, sex, heritage)


def ascii_slug(text: str) -> str:
    """Lower-case ASCII for an email address: "Łukasz" -> "lukasz"."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]", "", text.lower())
