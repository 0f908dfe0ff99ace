"""The contact's worker loses its own index: the (worker, date) index leads with the worker and serves its lookups.

Only the index is dropped: the AlterField Django would run drops and re-adds the foreign key, which checks every
contact again under a lock.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEX = "registration_contact_worker_id_333a6287"


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0004_contact_open_follow_ups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contact",
                    name="worker",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contacts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="jongerenwerker",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    f"CREATE INDEX IF NOT EXISTS {INDEX} ON registration_contact (worker_id)",
                ),
            ],
        ),
    ]
