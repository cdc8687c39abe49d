from django.db import models

from senco.lib.clock import academic_year_label


class Trust(models.Model):
    """A multi-academy trust, or a single school's own umbrella when it stands alone."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    class Phase(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all-through", "All-through"

    trust = models.ForeignKey(Trust, on_delete=models.PROTECT, related_name="schools")
    name = models.CharField(max_length=200)
    urn = models.CharField("URN", max_length=8, unique=True, help_text="Unique reference number")
    phase = models.CharField(max_length=20, choices=Phase.choices)
    # The SENCO, senior leaders and the trust's SEND lead must sign in with a code from an
    # authenticator app as well as their password (senco/accounts/two_factor.py).
    two_factor_required = models.BooleanField(
        "require two-factor sign-in for the SENCO and senior leaders", default=False
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """One of the school's three terms in an academic year. The SENCO sets them once a year."""

    class Name(models.TextChoices):
        AUTUMN = "autumn", "Autumn term"
        SPRING = "spring", "Spring term"
        SUMMER = "summer", "Summer term"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="terms")
    academic_year = models.PositiveSmallIntegerField(
        help_text="The calendar year in which the academic year starts, e.g. 2026 for 2026/27"
    )
    name = models.CharField(max_length=10, choices=Name.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "name"], name="one_term_of_each_name_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_name_display()} {academic_year_label(self.academic_year)}"


class ClosureDay(models.Model):
    """A weekday the school is closed (an INSET day, a closure): not a working day for the
    statutory clock (senco/lib/statutory.py). Bank holidays are known already."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="closure_days")
    date = models.DateField()
    reason = models.CharField(max_length=100)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["school", "date"], name="one_closure_a_day")]

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"
