from django.conf import settings
from django.db import models

from senco.lib import keys
from senco.lib.codes import (
    ON_REGISTER,
    YEAR_GROUPS,
    Need,
    Provision,
    Sex,
    broad_area,
    year_group_label,
)


class KeyedQuerySet(models.QuerySet):
    """Writes in bulk keep a model's keys (`KeyedModel`) in step, as `save()` does."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.fill_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.fill_keys()
        return super().bulk_update(objs, self.model.with_keys(fields), *args, **kwargs)

    def update(self, **kwargs):
        # A key may depend on several fields, so an UPDATE of one of them cannot make it.
        missing = set(self.model.with_keys(kwargs)) - set(kwargs)
        if missing:
            raise TypeError(
                f"update() would leave {', '.join(sorted(missing))} out of step: "
                "change names, phone numbers and groups with save() or bulk_update()"
            )
        return super().update(**kwargs)


class KeyedModel(models.Model):
    """A model with search and sort keys made from its other fields (`senco.lib.keys`).

    `KEYS` maps each key field to the fields it is made from and the function that makes
    it. `save()`, `bulk_create()` and `bulk_update()` fill the keys; `update()` of a field
    a key is made from is refused.
    """

    KEYS: dict = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        deferred = self.get_deferred_fields()
        if self.pk is not None and deferred:
            # Saving a key needs every field it is made from: read the ones not loaded.
            touched = set(update_fields) if update_fields is not None else self._loaded()
            needed = {
                name
                for key, (sources, _) in self.KEYS.items()
                if touched.intersection(sources)
                for name in sources
            }
            if needed & deferred:
                self.refresh_from_db(fields=sorted(needed & deferred))
        self.fill_keys()
        if update_fields is not None:
            kwargs["update_fields"] = self.with_keys(update_fields)
        super().save(*args, **kwargs)

    def fill_keys(self) -> None:
        """Make every key whose fields are loaded (a key of a field left out by `.only()`
        is left as it is)."""
        deferred = self.get_deferred_fields()
        for key, (sources, make) in self.KEYS.items():
            if deferred.isdisjoint(sources):
                setattr(self, key, make(*(getattr(self, name) for name in sources)))

    @classmethod
    def with_keys(cls, fields) -> list[str]:
        """The fields, and the keys made from any of them."""
        fields = set(fields)
        made = {key for key, (sources, _) in cls.KEYS.items() if fields.intersection(sources)}
        return sorted(fields | made)

    def _loaded(self) -> set[str]:
        deferred = self.get_deferred_fields()
        return {f.attname for f in self._meta.concrete_fields if f.attname not in deferred}


class PupilQuerySet(KeyedQuerySet):
    def on_register(self):
        """Pupils on the SEN register: at SEN support or with an EHC plan."""
        return self.filter(sen_provision__in=ON_REGISTER)


class PupilNaming:
    """A pupil's name and year group as pages show them: for the model, and for the light
    rows some list pages read instead of models (three a year)."""

    __slots__ = ()

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.legal_surname}"

    @property
    def year_group_label(self) -> str:
        return year_group_label(self.year_group)


class Pupil(PupilNaming, KeyedModel):
    """A pupil on a school's roll, with their current SEN status.

    The current provision and needs live here so that the register is one query; every
    change to them is written through `senco.register.services`, which keeps the dated
    history in `register.RegisterChange`.

    Names sort and match by their keys, alike on SQLite and PostgreSQL: Çelik with the Cs,
    and "lucja" finds Łucja (`senco.lib.keys`).
    """

    KEYS = {
        "surname_key": (("legal_surname",), keys.name_key),
        "forename_key": (("forename",), keys.name_key),
        "search_key": (("legal_surname", "forename", "preferred_name"), keys.names_key),
        "reg_group_key": (("reg_group",), keys.reg_group_key),
    }

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="pupils")
    # Unique within a school, not across schools: a pupil who moves to another school of the
    # same trust has a record at each (Meta.constraints).
    upn = models.CharField("UPN", max_length=13)
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

    # Made from the fields above by save() and the bulk writes (KeyedModel).
    surname_key = models.CharField(
        max_length=keys.NAME_KEY_LENGTH, blank=True, default="", editable=False
    )
    forename_key = models.CharField(
        max_length=keys.NAME_KEY_LENGTH, blank=True, default="", editable=False
    )
    search_key = models.CharField(
        max_length=keys.SEARCH_KEY_LENGTH, blank=True, default="", editable=False
    )
    reg_group_key = models.CharField(
        max_length=keys.REG_GROUP_KEY_LENGTH, blank=True, default="", editable=False
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PupilQuerySet.as_manager()

    class Meta:
        ordering = ["surname_key", "forename_key"]
        constraints = [
            models.UniqueConstraint(fields=["school", "upn"], name="pupil_upn_unique_per_school"),
        ]
        indexes = [
            models.Index(fields=["school", "sen_provision"]),
            models.Index(fields=["school", "surname_key", "forename_key"]),
            models.Index(fields=["upn"], name="pupil_upn_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def broad_area(self) -> str:
        return broad_area(self.primary_need)

    @property
    def on_register(self) -> bool:
        return self.sen_provision in (Provision.SEN_SUPPORT, Provision.EHC_PLAN)


class Contact(KeyedModel):
    """A parent, carer or other contact of a pupil, in the order the school calls them.

    The office finds a pupil by a contact's name or phone number through `search_key`.
    """

    KEYS = {
        "search_key": (
            ("name", "phone"),
            lambda name, phone: keys.names_key(name, keys.phone_digits(phone)),
        ),
    }

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=60)
    parental_responsibility = models.BooleanField(default=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    priority = models.PositiveSmallIntegerField(default=1)
    language = models.CharField("Preferred language", max_length=60, blank=True)
    interpreter = models.BooleanField("Needs an interpreter", default=False)
    # A court order or the school's own decision: this person must not be contacted, or must
    # not be given information about the pupil. Enforced wherever a contact could be used
    # (`may_be_contacted`, `may_be_told`, `senco.pupils.selectors.contacts_to_tell`).
    no_contact = models.BooleanField("Must not be contacted", default=False)
    no_information = models.BooleanField("Must not be given information", default=False)
    restriction_note = models.CharField(
        "Why (for example, a court order and its date)", max_length=200, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True, null=True)
    version = models.PositiveIntegerField(default=1)
    # The name folded and the phone number's digits (KeyedModel).
    search_key = models.CharField(
        max_length=keys.SEARCH_KEY_LENGTH, blank=True, default="", editable=False
    )

    objects = KeyedQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"

    @property
    def may_be_contacted(self) -> bool:
        return not self.no_contact

    @property
    def may_be_told(self) -> bool:
        """May be sent or told anything about the pupil: letters, emails, meetings."""
        return not (self.no_contact or self.no_information)


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
    follows_reg_group = models.CharField(
        "follows registration group",
        max_length=30,
        blank=True,
        help_text="Its pupils are the pupils of this registration group, kept up to date by "
        "each import from the MIS.",
    )

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
