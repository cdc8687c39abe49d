from django.conf import settings
from django.db import models

from senco.audit.actions import label_for


class AuditEvent(models.Model):
    """Who did what to which pupil's record, when and from where. Never updated."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # No index of its own: the three below start with the pupil.
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

    class Meta:
        ordering = ["-at", "-id"]
        # "Who has looked at this record" (senco/audit/selectors.py) reads one pupil's rows,
        # newest first, by person, by action, by dates and in pages; its lists of people and
        # actions step through the person and action indexes one value at a time. With ten
        # million rows every filter stays under 100 ms (`manage.py bench_audit`). The id
        # orders rows of the same moment (SQLite keeps it in every index anyway).
        indexes = [
            models.Index(fields=["pupil", "at", "id"], name="audit_pupil_at_idx"),
            models.Index(fields=["pupil", "user", "at", "id"], name="audit_pupil_user_at_idx"),
            models.Index(fields=["pupil", "action", "at", "id"], name="audit_pupil_action_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.pupil_id}"

    @property
    def action_label(self) -> str:
        """What was done, in plain English ("Viewed the passport")."""
        return label_for(self.action)


class UsedFormToken(models.Model):
    """The one-time token of a form that was saved (`senco.lib.forms.OneTimeFormMixin`), so
    that the same form posted again (a double click, the browser's resend) saves nothing.
    Tokens older than a day are deleted as new ones are used (`senco.audit.submissions`)."""

    token = models.UUIDField(unique=True)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.token} {self.used_at:%Y-%m-%d %H:%M}"
