import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def pupils_from_cycles(apps, schema_editor):
    """Each request asked before requests could be about other records is about its cycle's
    pupil. One UPDATE with a subquery: the same SQL on SQLite and PostgreSQL."""
    db = schema_editor.connection.alias
    ViewRequest = apps.get_model("plans", "ViewRequest")
    Cycle = apps.get_model("plans", "Cycle")
    ViewRequest.objects.using(db).filter(pupil__isnull=True).update(
        pupil_id=Subquery(Cycle.objects.filter(pk=OuterRef("cycle_id")).values("pupil_id")[:1])
    )


class Migration(migrations.Migration):
    # The pupil becomes required in 0004: on PostgreSQL a table altered after rows were
    # updated in the same transaction fails ("pending trigger events").
    dependencies = [
        ("plans", "0002_plan_versions"),
        ("pupils", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="viewrequest",
            name="pupil",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="view_requests",
                to="pupils.pupil",
            ),
        ),
        migrations.RunPython(pupils_from_cycles, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="viewrequest",
            name="cycle",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="view_requests",
                to="plans.cycle",
            ),
        ),
        migrations.AddField(
            model_name="viewrequest",
            name="subject",
            field=models.CharField(blank=True, db_index=True, max_length=60),
        ),
        migrations.AddField(
            model_name="viewrequest",
            name="question",
            field=models.TextField(blank=True, verbose_name="what is asked"),
        ),
        migrations.AddField(
            model_name="viewrequest",
            name="due_on",
            field=models.DateField(blank=True, null=True, verbose_name="wanted by"),
        ),
        migrations.AddField(
            model_name="viewrequest",
            name="link",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="the page where the answers are read"
            ),
        ),
        migrations.AddField(
            model_name="viewrequest",
            name="closed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="viewrequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("subject", ""), _negated=True),
                fields=("subject", "teacher"),
                name="one_view_request_each_subject",
            ),
        ),
    ]
