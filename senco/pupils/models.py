from django.conf import settings
from django.db import models

from senco.lib.codes import (
    ON_REGISTER,
    YEAR_GROUPS,
    Need,
    Provision,
    Sex,
    broad_area,
    year_group_label,
)


class PupilQuerySet(models.QuerySet):
    def on_register(self):
        """Pupils on the SEN register: at SEN support or with an EHC plan."""
        return self.filter(sen_provision__in=ON_REGISTER)


class Pupil(models.Model):
    """A pupil on a school's roll, with their current SEN status.

    The current provision and needs live here so that the register is one query; every
    change to them is written through `senco.register.services`, which keeps the dated
    history in `register.RegisterChange`.
    """

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="pupils")
    upn = models.CharField("UPN", max_length=13, unique=True)
    legal_surname = models.CharField(max_length=100)
    forename = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices)
    year_group = models.SmallIntegerField(choices=YEAR_GROUPS)
    reg_group = models.CharField("registration group", max_length=30, blank=True)
    pupil_premium = models.BooleanField(default=False)
    eal = models.BooleanField("EAL", default=False, help_text="English as an additional language")
    looked_after = models.BooleanField(default=False)
    date_started = models.DateField(null=True, blank=True)

    sen_provision = models.CharField(
        "SEN provision", max_length=1, choices=Provision.choices, default=Provision.NONE
    )
    primary_need = models.CharField(max_length=4, choices=Need.choices, blank=True)
    secondary_need = models.CharField(max_length=4, choices=Need.choices, blank=True)
    on_register_since = models.DateField("date on the register", null=True, blank=True)
    # Denormalised from the register history so the register can filter on it cheaply.
    parents_not_told = models.BooleanField(default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PupilQuerySet.as_manager()

    class Meta:
        ordering = ["legal_surname", "forename"]
        indexes = [
            models.Index(fields=["school", "sen_provision"]),
            models.Index(fields=["school", "legal_surname", "forename"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.legal_surname}"

    @property
    def year_group_label(self) -> str:
        return year_group_label(self.year_group)

    @property
    def broad_area(self) -> str:
        return broad_area(self.primary_need)

    @property
    def on_register(self) -> bool:
        return self.sen_provision in (Provision.SEN_SUPPORT, Provision.EHC_PLAN)


class Contact(models.Model):
    """A parent, carer or other contact of a pupil, in the order the school calls them."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=60)
    parental_responsibility = models.BooleanField(default=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    priority = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["priority", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class TeachingGroup(models.Model):
    """A class or set. Teachers see the pupils of the groups they teach."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="teaching_groups"
    )
    name = models.CharField(max_length=60)
    subject = models.CharField(max_length=60, blank=True)
    year_group = models.SmallIntegerField(choices=YEAR_GROUPS, null=True, blank=True)
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="teaching_groups", blank=True
    )
    pupils = models.ManyToManyField(Pupil, related_name="teaching_groups", blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="unique_group_name_per_school")
        ]

    def __str__(self) -> str:
        return self.name


class SupportAssignment(models.Model):
    """A teaching assistant assigned to support a pupil."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_assignments"
    )
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="support_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["staff", "pupil"], name="unique_support_assignment")
        ]

    def __str__(self) -> str:
        return f"{self.staff} supports {self.pupil}"
