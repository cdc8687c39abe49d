"""Pupil passports offered as evidence: reviewed this term or last."""

from django.utils import timezone

from senco import factories as f
from senco.profiles.evidence import passport_figures
from senco.profiles.models import PassportVersion

TODAY = timezone.localdate()


def test_passports_reviewed_this_term_or_last(school):
    assert passport_figures(school, TODAY, False) == []
    pupils = f.SenPupilFactory.create_batch(9, school=school)
    f.PupilFactory(school=school)  # not on the register: not counted
    for pupil in pupils[:7]:
        PassportVersion.objects.create(pupil=pupil, number=1, reviewed=True)
    (figure,) = passport_figures(school, TODAY, False)
    assert figure.value == "7 of 9 (78%)"
    assert figure.url == f"/school/{school.urn}/register/"
    assert passport_figures(school, TODAY, True)[0].value == "hidden"
