"""Test and demo data builders (factory_boy). Used by tests; never by the app itself."""

import datetime
import itertools

import factory

from senco.accounts.models import Membership, TrustMembership, User
from senco.lib.codes import Provision
from senco.lib.upn import make_upn
from senco.pupils.models import Contact, Pupil, SupportAssignment, TeachingGroup
from senco.schools.models import School, Trust

_serials = itertools.count(1)


def next_upn() -> str:
    n = next(_serials)
    return make_upn(202, 4000 + n // 1000, 14, n % 1000)


class TrustFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trust

    name = factory.Sequence(lambda n: f"Trust {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    trust = factory.SubFactory(TrustFactory)
    name = factory.Sequence(lambda n: f"School {n}")
    urn = factory.Sequence(lambda n: f"{100000 + n}")
    phase = School.Phase.SECONDARY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Staff{n}")
    password = factory.django.Password("correct-horse-battery")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = "teacher"


class TrustMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrustMembership

    user = factory.SubFactory(UserFactory)
    trust = factory.SubFactory(TrustFactory)


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pupil

    school = factory.SubFactory(SchoolFactory)
    upn = factory.LazyFunction(next_upn)
    legal_surname = factory.Sequence(lambda n: f"Surname{n}")
    forename = "Alex"
    date_of_birth = datetime.date(2013, 5, 1)
    sex = "M"
    year_group = 7
    reg_group = "7A"
    sen_provision = Provision.NONE


class SenPupilFactory(PupilFactory):
    sen_provision = Provision.SEN_SUPPORT
    primary_need = "SLCN"
    on_register_since = datetime.date(2025, 9, 10)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    pupil = factory.SubFactory(PupilFactory)
    name = "Jo Parent"
    relationship = "Mother"


class TeachingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeachingGroup
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"7X/Ma{n}")
    subject = "Maths"


class SupportAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportAssignment

    staff = factory.SubFactory(UserFactory)
    pupil = factory.SubFactory(PupilFactory)
