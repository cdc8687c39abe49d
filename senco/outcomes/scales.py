"""The grades of each scale a school records results in, and the number each stands for.

The built-in kinds know their grades here; a school's own scale lists them as `Grade` rows
(set up once on the scales page). `grade_value` turns what the file says ("GDS", "5-",
"104", "Secure") into the number the comparisons count, or says which grades the scale holds.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from senco.lib.csvfile import CellError, heading_key
from senco.outcomes.models import Scale

THIRD = Decimal("0.33")


@dataclass(frozen=True)
class BuiltIn:
    name: str  # the Scale row's name when the school first uses it
    expected: Decimal
    shown: str  # the grades, as a message names them


BUILT_IN = {
    Scale.Kind.TEACHER_ASSESSMENT: BuiltIn(
        "Teacher assessment (WTS, EXS, GDS)",
        Decimal(2),
        "WTS (working towards), EXS (expected standard) or GDS (greater depth)",
    ),
    Scale.Kind.SCALED_SCORE: BuiltIn(
        "Scaled scores (80 to 120)", Decimal(100), "a scaled score from 80 to 120"
    ),
    Scale.Kind.GCSE: BuiltIn(
        "GCSE grades (9 to 1)",
        Decimal(4),
        "a grade from 9 to 1 or U (a + or - after the grade is allowed, as in 5-)",
    ),
}

# Teacher assessment: working towards 1, at the expected standard 2, greater depth 3.
TEACHER_ASSESSMENT = {
    "wts": 1,
    "wt": 1,
    "workingtowards": 1,
    "workingtowardstheexpectedstandard": 1,
    "exs": 2,
    "ex": 2,
    "expected": 2,
    "expectedstandard": 2,
    "workingattheexpectedstandard": 2,
    "atexpected": 2,
    "gds": 3,
    "gd": 3,
    "greaterdepth": 3,
    "workingatgreaterdepth": 3,
}
GCSE_GRADE = re.compile(r"([1-9]|u)([+=-]?)")


def built_in_scale(school, kind: str) -> Scale:
    """The school's row of a built-in scale, made the first time the school uses it."""
    spec = BUILT_IN[kind]
    scale, _ = Scale.objects.get_or_create(
        school=school, kind=kind, name=spec.name, defaults={"expected": spec.expected}
    )
    return scale


def scale_grades(scale: Scale) -> dict[str, Decimal]:
    """A school's own scale's grades by their key (one query); {} for a built-in kind."""
    if scale.kind != Scale.Kind.OWN:
        return {}
    return dict(scale.grades.values_list("key", "value"))


def grades_shown(scale: Scale, grades: dict[str, Decimal], labels: list[str] = ()) -> str:
    if scale.kind != Scale.Kind.OWN:
        return BUILT_IN[scale.kind].shown
    return ", ".join(labels) if labels else "no grades yet: add them on the scales page"


def grade_value(
    scale: Scale, text: str, *, grades: dict[str, Decimal], labels: list[str] = ()
) -> Decimal:
    """The number a grade stands for on `scale`, or CellError naming the grades it holds."""
    key = heading_key(text)
    if not key:
        raise CellError("The result is blank. Add it, or leave the pupil's row out of the file.")
    value = _value(scale.kind, key, text.strip(), grades)
    if value is None:
        raise CellError(
            f"{scale.name} has no grade '{text.strip()[:30]}'. "
            f"Use {grades_shown(scale, grades, labels)}."
        )
    return value


def _value(kind: str, key: str, text: str, grades: dict[str, Decimal]) -> Decimal | None:
    if kind == Scale.Kind.OWN:
        return grades.get(key)
    if kind == Scale.Kind.TEACHER_ASSESSMENT:
        found = TEACHER_ASSESSMENT.get(key)
        return Decimal(found) if found is not None else None
    if kind == Scale.Kind.SCALED_SCORE:
        if re.fullmatch(r"\d{2,3}", key) and 80 <= int(key) <= 120:
            return Decimal(int(key))
        return None
    match = GCSE_GRADE.fullmatch(text.replace(" ", "").casefold())
    if match is None:
        return None
    grade, sign = match.groups()
    value = Decimal(0) if grade == "u" else Decimal(int(grade))
    if grade == "u" and sign:
        return None
    if sign == "+":
        value += THIRD
    elif sign == "-":
        value -= THIRD
    return value
