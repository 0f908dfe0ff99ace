from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0003_report_revisions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                condition=models.Q(("follow_up_done_at__isnull", True), models.Q(("follow_up", ""), _negated=True)),
                fields=["worker", "follow_up_due"],
                name="contact_open_follow_ups",
            ),
        ),
    ]
