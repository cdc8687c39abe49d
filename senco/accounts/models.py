from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who signs in. What they may see comes from their memberships."""

    # Someone else chose their password (a SENCO adding them, or setting a new one): they
    # must choose their own before anything else (see SignInStepsMiddleware).
    must_change_password = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    SENCO = "senco", "SENCO"
    LEADER = "leader", "Senior leader"
    TEACHER = "teacher", "Teacher"
    TA = "ta", "Teaching assistant"
    OFFICE = "office", "Office"
    GOVERNOR = "governor", "SEND governor"


class Membership(models.Model):
    """A user's role at one school. A user may work at several schools."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    # A teacher the SENCO allows to write the passports of the pupils they teach.
    can_edit_passports = models.BooleanField(default=False)
    # Can sign in at this school. Switching someone off here leaves their other schools alone;
    # the account itself is switched off only when no membership is active (see services).
    is_active = models.BooleanField("can sign in at this school", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="one_membership_per_school")
        ]
        ordering = ["school__name"]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} at {self.school}"


class TrustMembership(models.Model):
    """The trust's SEND lead: aggregate figures for every school in the trust."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="trust_memberships")
    trust = models.ForeignKey("schools.Trust", on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "trust"], name="one_trust_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} - trust SEND lead at {self.trust}"
