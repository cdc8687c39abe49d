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


class ParentLink(models.Model):
    """A parent or carer's account and one of the pupil contacts it stands for: what lets
    them see that child's parent pages (`senco.access.child_for`). A parent of two
    children has two links, one for each child's contact record. Switched off (or the
    contact flagged must not be contacted or given information) it gives nothing."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="parent_links")
    contact = models.OneToOneField(
        "pupils.Contact", on_delete=models.CASCADE, related_name="parent_link"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} for {self.contact}"


class ParentInvitation(models.Model):
    """An invitation from the school to one pupil contact to sign in as a parent. The link
    holds a random token; only its SHA-256 is stored. It works once, before `expires_at`,
    and only while the contact may be told about the pupil."""

    contact = models.ForeignKey(
        "pupils.Contact", on_delete=models.CASCADE, related_name="parent_invitations"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # The account the invitation made or linked, once used.
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.contact}"
