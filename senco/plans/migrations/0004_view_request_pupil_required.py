import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_view_requests_about_any_record")]

    operations = [
        migrations.AlterField(
            model_name="viewrequest",
            name="pupil",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="view_requests",
                to="pupils.pupil",
            ),
        ),
    ]
