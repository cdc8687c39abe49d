"""Fixtures shared by the register's tests."""

import pytest

from senco import factories as f


@pytest.fixture
def register_pupils(school):
    return {
        "ehc": f.SenPupilFactory(
            school=school,
            legal_surname="Adeyemi",
            forename="Tobi",
            sen_provision="E",
            primary_need="ASD",
            year_group=9,
            reg_group="9K",
            sex="M",
            pupil_premium=True,
        ),
        "support": f.SenPupilFactory(
            school=school,
            legal_surname="Nowak",
            forename="Łucja",
            primary_need="SPLD",
            secondary_need="SLCN",
            year_group=7,
            reg_group="7M",
            sex="F",
            eal=True,
        ),
        "none": f.PupilFactory(school=school, legal_surname="Smith", forename="Ben"),
        "lac": f.SenPupilFactory(
            school=school,
            legal_surname="Murphy",
            forename="Aoife",
            primary_need="SEMH",
            looked_after=True,
            year_group=10,
            reg_group="10A",
        ),
    }
