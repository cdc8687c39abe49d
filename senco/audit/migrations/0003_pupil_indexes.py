"""Indexes for "who has looked at this record" with millions of rows (`manage.py bench_audit`):
the pupil's rows by time, by person and by action, each ending (at, id) so that the page's
order needs no sort. The pupil's own foreign-key index goes: all three start with it.

The foreign key keeps its column; only its index is dropped, by name as the database has it,
rather than by AlterField, which on SQLite copies the whole table (minutes for ten million
rows).
"""

import django.db.models.deletion
from django.db import migrations, models


def _pupil_indexes(schema_editor) -> list[str]:
    """The name of the index on pupil_id alone (Django's name for a foreign key's index)."""
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(
            cursor, "audit_auditevent"
        )
    return [
        name
        for name, c in constraints.items()
        if c["index"] and not c["unique"] and not c["primary_key"] and c["columns"] == ["pupil_id"]
    ]


def drop_pupil_index(apps, schema_editor):
    for name in _pupil_indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_pupil_index(apps, schema_editor):
    model = apps.get_model("audit", "AuditEvent")
    if not _pupil_indexes(schema_editor):
        schema_editor.execute(
            schema_editor._create_index_sql(model, fields=[model._meta.get_field("pupil")])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_used_form_token"),
        ("pupils", "0004_upn_unique_per_school"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="auditevent",
            name="audit_audit_pupil_i_4962d0_idx",
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="pupil",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="pupils.pupil",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_pupil_index, create_pupil_index),
            ],
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["pupil", "at", "id"], name="audit_pupil_at_idx"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["pupil", "user", "at", "id"], name="audit_pupil_user_at_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["pupil", "action", "at", "id"], name="audit_pupil_action_at_idx"
            ),
        ),
    ]
