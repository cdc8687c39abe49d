"""Properties of the cell parsers of an MIS export, checked on generated values.

- A good value, in any accepted spelling, case and padding, reads back as itself.
- No text at all makes a parser fail with anything but its own `CellError`.
- A bad value is refused, and the row error names the value.
"""

import datetime
import string

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from stdnum.gb import upn as stdnum_upn

from senco.imports.parsing import (
    LEGACY_WORDS,
    MAX_AGE_YEARS,
    PROVISIONS,
    CellError,
    heading_key,
    parse_bool,
    parse_date_of_birth,
    parse_name,
    parse_need,
    parse_provision,
    parse_pupils,
    parse_reg_group,
    parse_sex,
    parse_upn,
    parse_year_group,
)
from senco.imports.tests.helpers import csv_text, row
from senco.lib.codes import LEGACY_PROVISION, YEAR_GROUPS, Need, Provision, Sex

TODAY = datetime.date(2026, 1, 15)
OLDEST = TODAY.replace(year=TODAY.year - MAX_AGE_YEARS)

# Deterministic and quick; no example database (Hypothesis keeps only caches, in a
# .hypothesis folder that it gitignores itself).
quick = hypothesis_settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# What a spreadsheet may leave around a value.
padding = st.sampled_from(["", " ", "  ", "\t", " \t ", "\u00a0"])
# Any text a cell may hold: what a spreadsheet usually has, characters that change under
# case-folding or NFKC, and any other code point (not st.characters(), which builds a table
# of all of Unicode the first time it runs, in about two seconds).
CELL_CHARACTERS = string.printable + "/-:.,'ÀéÿŁłßẞİıǅＫ７٧\u00a0\u2007\u200b\ufeff\u0301"
any_character = st.sampled_from(CELL_CHARACTERS) | st.integers(0, 0x10FFFF).filter(
    lambda c: not 0xD800 <= c <= 0xDFFF
).map(chr)
any_text = st.text(any_character, max_size=40)


@st.composite
def any_case(draw, text: str) -> str:
    """The text with each letter upper or lower case."""
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if up else c.lower() for c, up in zip(text, flips, strict=True))


@st.composite
def padded(draw, strategy) -> str:
    return draw(padding) + draw(strategy) + draw(padding)


def spellings(*words: str):
    """Each word in any case, with padding around it."""
    return padded(st.sampled_from(words).flatmap(any_case))


# --- No crash on any text --------------------------------------------------------------------

CELL_PARSERS = {
    "upn": parse_upn,
    "name": lambda value: parse_name(value, "surname"),
    "date_of_birth": lambda value: parse_date_of_birth(value, TODAY),
    "sex": parse_sex,
    "year_group": parse_year_group,
    "reg_group": parse_reg_group,
    "yes_or_no": parse_bool,
    "provision": parse_provision,
    "need": parse_need,
}
YEAR_VALUES = {value for value, _label in YEAR_GROUPS}
NEED_CODES = {n.value for n in Need}
# What each parser may return for a value it accepts.
GOOD_RESULT = {
    "upn": lambda v: isinstance(v, str) and stdnum_upn.is_valid(v) and v == v.upper(),
    "name": lambda v: isinstance(v, str) and v == v.strip() and 0 < len(v) <= 100,
    "date_of_birth": lambda v: isinstance(v, datetime.date) and OLDEST <= v <= TODAY,
    "sex": lambda v: v in {s.value for s in Sex},
    "year_group": lambda v: v in YEAR_VALUES,
    "reg_group": lambda v: isinstance(v, str) and v == v.strip() and len(v) <= 30,
    "yes_or_no": lambda v: v in (True, False),
    "provision": lambda v: v in {p.value for p in Provision},
    "need": lambda v: v == "" or v in NEED_CODES,
}


@pytest.mark.parametrize("cell", sorted(CELL_PARSERS))
@quick
@given(value=any_text)
def test_any_text_gives_a_good_value_or_a_cell_error(cell, value):
    try:
        result = CELL_PARSERS[cell](value)
    except CellError as error:
        assert str(error).strip(), "a refusal says what is wrong"
    else:
        assert GOOD_RESULT[cell](result), result


# --- UPNs ------------------------------------------------------------------------------------

# A few real local authority numbers (characters 2 to 4 of a UPN).
LA_NUMBERS = [201, 202, 213, 304, 330, 420, 801, 867, 938]
CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # the DfE alphabet's first 23 characters


@st.composite
def upns(draw) -> str:
    """A valid UPN: permanent (a digit last) or temporary (a letter last)."""
    la = draw(st.sampled_from(LA_NUMBERS))
    middle = draw(st.text(string.digits, min_size=8, max_size=8))
    last = draw(st.sampled_from(string.digits + CHECK_LETTERS))
    body = f"{la:03d}{middle}{last}"
    return stdnum_upn.calc_check_digit(body) + body


@quick
@given(data=st.data(), upn=upns())
def test_a_valid_upn_is_read_in_any_case_and_padding(data, upn):
    written = data.draw(padded(any_case(upn)))
    assert parse_upn(written) == upn


@quick
@given(data=st.data(), upn=upns())
def test_a_upn_with_another_check_letter_is_refused(data, upn):
    other = data.draw(st.sampled_from(CHECK_LETTERS.replace(upn[0], "")))
    with pytest.raises(CellError, match="check letter does not match"):
        parse_upn(other + upn[1:])


@quick
@given(data=st.data(), upn=upns())
def test_a_upn_missing_or_gaining_a_character_is_refused(data, upn):
    cut = data.draw(st.integers(0, len(upn) - 1))
    extra = data.draw(st.sampled_from(string.digits))
    for wrong in (upn[:cut] + upn[cut + 1 :], upn[:cut] + extra + upn[cut:]):
        with pytest.raises(CellError, match="13 characters"):
            parse_upn(wrong)


# --- Dates of birth --------------------------------------------------------------------------

dates_of_birth = st.dates(min_value=OLDEST, max_value=TODAY)


def written_dates(born: datetime.date) -> list[str]:
    """Every way an MIS or a spreadsheet writes the date that senco reads."""
    return [
        born.strftime("%d/%m/%Y"),
        born.strftime("%Y-%m-%d"),
        f"{born.day}/{born.month}/{born.year}",
        f"{born.year}-{born.month}-{born.day}",
    ]


@quick
@given(data=st.data(), born=dates_of_birth)
def test_a_date_of_birth_in_any_accepted_format_reads_back(data, born):
    time = data.draw(st.sampled_from(["", " 00:00", " 0:00", " 00:00:00", "  00:00"]))
    for text in written_dates(born):
        written = data.draw(padding) + text + time + data.draw(padding)
        assert parse_date_of_birth(written, TODAY) == born


@quick
@given(born=st.dates(min_value=TODAY + datetime.timedelta(days=1)))
def test_a_date_of_birth_in_the_future_is_refused(born):
    for text in written_dates(born):
        with pytest.raises(CellError, match="in the future"):
            parse_date_of_birth(text, TODAY)


@quick
@given(
    born=st.dates(
        min_value=datetime.date(1000, 1, 1), max_value=OLDEST - datetime.timedelta(days=1)
    )
)
def test_a_date_of_birth_over_25_years_ago_is_refused(born):
    for text in written_dates(born):
        with pytest.raises(CellError, match="more than 25 years ago"):
            parse_date_of_birth(text, TODAY)


@st.composite
def impossible_days(draw) -> tuple[int, int, int]:
    year = draw(st.integers(OLDEST.year, TODAY.year))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(29, 31))
    try:
        datetime.date(year, month, day)
    except ValueError:
        return day, month, year
    return 32, month, year  # no month has a 32nd day


@quick
@given(impossible_days())
def test_a_date_that_does_not_exist_is_named_as_such(day_month_year):
    day, month, year = day_month_year
    for text in (f"{day:02d}/{month:02d}/{year}", f"{year}-{month:02d}-{day:02d}"):
        with pytest.raises(CellError, match="There is no such date"):
            parse_date_of_birth(text, TODAY)


# --- Year groups, sex, yes or no -------------------------------------------------------------


@quick
@given(data=st.data(), year_group=st.sampled_from(YEAR_GROUPS))
def test_every_year_group_label_reads_back(data, year_group):
    value, label = year_group
    assert parse_year_group(data.draw(spellings(label))) == value


@quick
@given(
    data=st.data(),
    year=st.integers(1, 14),
    prefix=st.sampled_from(["", "Y", "Yr", "Yr ", "Year", "Year "]),
)
def test_a_year_number_with_or_without_year_reads_back(data, year, prefix):
    number = data.draw(st.sampled_from([str(year), f"{year:02d}"]))
    written = data.draw(padded(any_case(prefix + number)))
    assert parse_year_group(written) == year


@quick
@given(year=st.integers(15, 99) | st.just(0))
def test_a_year_number_out_of_range_is_refused(year):
    for text in (str(year), f"Year {year}", f"Y{year}"):
        with pytest.raises(CellError, match="not a year group"):
            parse_year_group(text)


@quick
@given(
    data=st.data(),
    sex=st.sampled_from(
        [(Sex.MALE, "M"), (Sex.MALE, "Male"), (Sex.FEMALE, "F"), (Sex.FEMALE, "Female")]
    ),
)
def test_every_spelling_of_sex_reads_back(data, sex):
    code, word = sex
    assert parse_sex(data.draw(spellings(word))) == code.value


@quick
@given(data=st.data(), answer=st.booleans())
def test_every_spelling_of_yes_and_no_reads_back(data, answer):
    words = ["Y", "Yes", "True", "T", "1"] if answer else ["N", "No", "False", "F", "0", ""]
    assert parse_bool(data.draw(spellings(*words))) is answer


# --- Census codes ----------------------------------------------------------------------------


@quick
@given(data=st.data(), provision=st.sampled_from(list(Provision)))
def test_every_provision_code_reads_back_as_itself(data, provision):
    assert parse_provision(data.draw(spellings(provision.value))) == provision.value


@quick
@given(data=st.data(), provision=st.sampled_from(list(Provision)))
def test_every_provision_label_reads_back_as_its_code(data, provision):
    assert parse_provision(data.draw(spellings(provision.label))) == provision.value


@quick
@given(data=st.data(), code=st.sampled_from(sorted(LEGACY_PROVISION)))
def test_an_old_provision_code_is_refused_naming_what_it_was(data, code):
    with pytest.raises(CellError) as refused:
        parse_provision(data.draw(spellings(code)))
    assert LEGACY_PROVISION[code] in str(refused.value)
    assert "Recode the pupil in the MIS" in str(refused.value)


@quick
@given(data=st.data(), need=st.sampled_from(list(Need)))
def test_every_need_code_reads_back_as_itself(data, need):
    assert parse_need(data.draw(spellings(need.value))) == need.value


@quick
@given(data=st.data(), need=st.sampled_from(list(Need)))
def test_every_need_label_reads_back_as_its_code(data, need):
    assert parse_need(data.draw(spellings(need.label))) == need.value


KNOWN_NEEDS = {heading_key(n.value) for n in Need} | {heading_key(n.label) for n in Need}
KNOWN_PROVISIONS = set(PROVISIONS) | set(LEGACY_WORDS)
# Unknown codes as a data manager might type them: letters, digits, spaces and dashes.
code_like = st.text(string.ascii_letters + string.digits + " -", min_size=1, max_size=12)
unknown_needs = code_like.filter(lambda v: heading_key(v) not in KNOWN_NEEDS | {""})
unknown_provisions = code_like.filter(lambda v: heading_key(v) not in KNOWN_PROVISIONS)


def only_error(**cells):
    parsed = parse_pupils(csv_text([row(1, **cells)]), today=TODAY)
    assert parsed.rows == []
    assert len(parsed.errors) == 1, parsed.errors
    return parsed.errors[0]


@quick
@given(value=unknown_needs)
def test_an_unknown_need_is_refused_naming_the_value(value):
    with pytest.raises(CellError, match="not a census type of need"):
        parse_need(value)
    error = only_error(**{"SEN Status": "K", "Primary Need": value})
    assert (error.column, error.value) == ("Primary Need", value.strip())
    assert f"value '{value.strip()}'" in str(error)
    assert all(n.value in error.message for n in Need)


@quick
@given(value=unknown_provisions)
def test_an_unknown_provision_is_refused_naming_the_value(value):
    with pytest.raises(CellError, match="Use N"):
        parse_provision(value)
    error = only_error(**{"SEN Status": value, "Primary Need": "MLD"})
    assert (error.column, error.value) == ("SEN Status", value.strip())
    assert f"value '{value.strip()}'" in str(error)
