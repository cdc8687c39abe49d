"""Codes of the school census, in one place.

Source: DfE, "School census 2025 to 2026: guide" and its code sets (SEN provision
CS019 and SEN type of need CS020), and the SEND Code of Practice 0-25 (2015) 5.32 and
6.28-6.35 for the four broad areas of need. Older records may carry the pre-2014
codes A (School Action), P (School Action Plus) and S (Statement); the census no longer
accepts them, so senco asks for them to be recoded rather than guessing.
"""

from django.db import models


class Provision(models.TextChoices):
    NONE = "N", "No SEN"
    SEN_SUPPORT = "K", "SEN support"
    EHC_PLAN = "E", "EHC plan"


# "On the SEN register": at SEN support or with an EHC plan. Ask here, or ask a queryset's
# `on_register()`, never spell it out again.
ON_REGISTER = frozenset({Provision.SEN_SUPPORT, Provision.EHC_PLAN})


LEGACY_PROVISION = {
    "A": "School Action (before 2014)",
    "P": "School Action Plus (before 2014)",
    "S": "Statement (before 2014)",
}


class BroadArea(models.TextChoices):
    COMMUNICATION = "CI", "Communication and interaction"
    COGNITION = "CL", "Cognition and learning"
    SEMH = "SEMH", "Social, emotional and mental health"
    SENSORY_PHYSICAL = "SP", "Sensory and/or physical"
    OTHER = "OTH", "Other"


class Need(models.TextChoices):
    SLCN = "SLCN", "Speech, language and communication needs"
    ASD = "ASD", "Autistic spectrum disorder"
    SPLD = "SPLD", "Specific learning difficulty"
    MLD = "MLD", "Moderate learning difficulty"
    SLD = "SLD", "Severe learning difficulty"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SEMH = "SEMH", "Social, emotional and mental health"
    HI = "HI", "Hearing impairment"
    VI = "VI", "Visual impairment"
    MSI = "MSI", "Multi-sensory impairment"
    PD = "PD", "Physical disability"
    OTH = "OTH", "Other difficulty or disability"
    NSA = "NSA", "SEN support but no specialist assessment of type of need"


BROAD_AREA_OF_NEED = {
    Need.SLCN: BroadArea.COMMUNICATION,
    Need.ASD: BroadArea.COMMUNICATION,
    Need.SPLD: BroadArea.COGNITION,
    Need.MLD: BroadArea.COGNITION,
    Need.SLD: BroadArea.COGNITION,
    Need.PMLD: BroadArea.COGNITION,
    Need.SEMH: BroadArea.SEMH,
    Need.HI: BroadArea.SENSORY_PHYSICAL,
    Need.VI: BroadArea.SENSORY_PHYSICAL,
    Need.MSI: BroadArea.SENSORY_PHYSICAL,
    Need.PD: BroadArea.SENSORY_PHYSICAL,
    Need.OTH: BroadArea.OTHER,
    Need.NSA: BroadArea.OTHER,
}


def broad_area(need: str) -> str:
    """The broad area code of a need code, or "" when there is no need."""
    return BROAD_AREA_OF_NEED.get(need, "") if need else ""


def needs_in_area(area: str) -> list[str]:
    return [need for need, a in BROAD_AREA_OF_NEED.items() if a == area]


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"


# Year groups are stored as numbers so that they sort: nursery is -2 and -1,
# Reception 0, then National Curriculum years 1 to 14.
YEAR_GROUPS = [(-2, "N1"), (-1, "N2"), (0, "Reception")] + [(y, f"Year {y}") for y in range(1, 15)]
YEAR_GROUP_LABELS = dict(YEAR_GROUPS)


def year_group_label(value: int) -> str:
    return YEAR_GROUP_LABELS.get(value, str(value))
