import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from senco.lib.keys import (
    NAME_KEY_LENGTH,
    REG_GROUP_KEY_LENGTH,
    SEARCH_KEY_LENGTH,
    fold,
    name_key,
    names_key,
    phone_digits,
    reg_group_key,
    sorted_reg_groups,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Çelik", "celik"),
        ("Şahin", "sahin"),
        ("Łucja", "lucja"),
        ("ŁUCJA", "lucja"),
        ("O'Brien-Łukasiewicz", "obrienlukasiewicz"),
        ("Zoë", "zoe"),
        ("Strauß", "strauss"),
        ("Øyvind", "oyvind"),
        ("Đorđe", "dorde"),
        ("İsmail", "ismail"),
        ("Yıldız", "yildiz"),
        ("Ærø", "aero"),
        ("Mary Ann", "maryann"),
        ("Иван", "иван"),
        ("", ""),
    ],
)
def test_names_fold_as_an_english_reader_files_them(name, key):
    assert fold(name) == key


def test_names_sort_with_their_plain_letters():
    names = ["Smith", "Şahin", "Łucja", "Lewis", "Çelik", "Clarke", "Cole", "Sanders", "Lyons"]
    assert sorted(names, key=name_key) == [
        "Çelik",
        "Clarke",
        "Cole",
        "Lewis",
        "Łucja",
        "Lyons",
        "Şahin",
        "Sanders",
        "Smith",
    ]


def test_a_search_key_keeps_names_apart():
    assert names_key("Nowak", "Łucja", "") == "nowak lucja"
    assert names_key("Nowak", "Łucja", "Lu") == "nowak lucja lu"


@pytest.mark.parametrize(
    ("phone", "digits"),
    [
        ("07700 900123", "07700900123"),
        ("07700900123", "07700900123"),
        ("(07700) 900-123", "07700900123"),
        ("+44 7700 900123", "07700900123"),
        ("+44 (0)7700 900123", "07700900123"),
        ("0044 7700 900123", "07700900123"),
        ("+33 1 23 45 67 89", "33123456789"),
        ("", ""),
    ],
)
def test_phone_numbers_compare_by_their_digits(phone, digits):
    assert phone_digits(phone) == digits


def test_registration_groups_sort_by_their_number_then_the_rest():
    groups = ["11A", "10K", "7K", "10A", "7a", "8M", "RB", "RA", "Oak", "12/Sc"]
    assert sorted_reg_groups(groups) == [
        "Oak",
        "RA",
        "RB",
        "7a",
        "7K",
        "8M",
        "10A",
        "10K",
        "11A",
        "12/Sc",
    ]


@settings(max_examples=100, derandomize=True, database=None, deadline=None)
@given(st.text(max_size=300))
def test_keys_fit_their_columns(text):
    assert len(name_key(text)) <= NAME_KEY_LENGTH
    assert len(names_key(text, text, text)) <= SEARCH_KEY_LENGTH
    assert len(reg_group_key(text)) <= REG_GROUP_KEY_LENGTH
    assert " " not in fold(text)
