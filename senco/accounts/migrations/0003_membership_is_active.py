from django.db import migrations, models


def copy_from_user(apps, schema_editor):
    """Until now "can sign in" was the account's: each membership starts as its user was."""
    db = schema_editor.connection.alias
    Membership = apps.get_model("accounts", "Membership")
    Membership.objects.using(db).filter(user__is_active=False).update(is_active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_can_edit_passports"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="is_active",
            field=models.BooleanField(default=True, verbose_name="can sign in at this school"),
        ),
        migrations.RunPython(copy_from_user, migrations.RunPython.noop),
    ]
