from django.conf import settings
from django.db import models

from senco.audit.actions import label_for


class AuditEventManager(models.Manager):
    """Every read of the log through `AuditEvent.objects` first moves the rows waiting in
    `PendingAuditEvent` into it (`senco.audit.pending.move_pending`): no reader, of "who
    has looked" or anything else, can miss a row a list page wrote."""

    def get_queryset(self):
        from senco.audit.pending import move_pending  # the mover reads this module

        move_pending(using=self._db)
        return super().get_queryset()


class AuditEvent(models.Model):
    """Who did what to which pupil's record, when and from where. Never updated."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # No index of its own: the one below starts with the pupil.
    pupil = models.ForeignKey(
        "pupils.Pupil",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    action = models.CharField(max_length=60)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventManager()
    # The log as it stands, for a read made just after one through `objects` moved the
    # waiting rows in (the rows of a page whose ids were found through `objects`).
    as_written = models.Manager()  # noqa: DJ012 (ruff takes `objects` for a field)

    class Meta:
        ordering = ["-at", "-id"]
        # "Who has looked at this record" (senco/audit/selectors.py) reads one pupil's rows,
        # newest first, by person, by action, by dates and in pages, all from this one index:
        # it holds the person and the action too, so no filter reads the table, and the page
        # reads only its own 50 rows. One index, not one for each filter: every list page
        # writes a row for each pupil it shows (the register: ~200), each row a write at
        # that pupil's place in every index starting with the pupil, and three such indexes
        # were two thirds of the register's time (`docs/demo-and-bench.md`). The id orders
        # rows of the same moment (SQLite keeps it in every index anyway).
        indexes = [
            models.Index(fields=["pupil", "at", "id", "user", "action"], name="audit_pupil_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.pupil_id}"

    @property
    def action_label(self) -> str:
        """What was done, in plain English ("Viewed the passport")."""
        return label_for(self.action)


class PendingAuditEvent(models.Model):
    """Rows of `AuditEvent` on their way into it: what `audit_record_many` writes (a list
    page's row for each pupil shown, an import's, an export's). This table has no index
    but its id, so a row costs a tenth of one written straight into the log, where each
    lands on its own pupil's page of the "who has looked" index. `senco.audit.pending`
    moves them in batches ordered by pupil (each pupil's index page written once a batch,
    not once a page view): after a response, once a process has written enough; every few
    minutes (a scheduled job); and before any read of the log (`AuditEventManager`).
    The same columns as `AuditEvent`; the keys are set to null with their records'."""

    at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_index=False,
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    pupil = models.ForeignKey(
        "pupils.Pupil",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    action = models.CharField(max_length=60)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.pupil_id} (waiting)"


class UsedFormToken(models.Model):
    """The one-time token of a form that was saved (`senco.lib.forms.OneTimeFormMixin`), so
    that the same form posted again (a double click, the browser's resend) saves nothing.
    Tokens older than a day are deleted as new ones are used (`senco.audit.submissions`)."""

    token = models.UUIDField(unique=True)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.token} {self.used_at:%Y-%m-%d %H:%M}"
