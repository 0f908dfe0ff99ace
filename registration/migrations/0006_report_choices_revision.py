"""The report form's choice lists change row 0 of the report revisions too (PostgreSQL only).

Row 0 already changes with the names a report shows (0003). The report form's lists (registration.selectors.
report_choices: the teams, agreements, people, target groups and platforms a person may filter on) also change
when a team, agreement, target group or platform is added, removed or moved, when one is archived or taken out
of use, when someone joins or leaves a team, and when a person's e-mail address (the label of a person without
a name) changes. These triggers bump row 0 then, in the writing transaction, so the lists can be cached under
row 0's revision and never be shown stale. Row 0 is written here once, so the cache works from the start.
"""

from django.db import migrations

CHANGES = (
    ("accounts_membership", "user_id, team_id"),
    ("accounts_team", "organisation_id"),
    ("accounts_targetgroup", "team_id, is_archived"),
    ("accounts_platform", "organisation_id, is_active"),
    ("registration_funderagreement", "organisation_id, name, starts_on"),
    ("accounts_user", "email"),
)

CREATE = ""
DROP = ""
for table, columns in CHANGES:
    old = ", ".join(f"OLD.{column}" for column in columns.split(", "))
    new = ", ".join(f"NEW.{column}" for column in columns.split(", "))
    CREATE += f"""
CREATE TRIGGER {table}_report_choices_update AFTER UPDATE OF {columns} ON {table}
    FOR EACH ROW WHEN (({old}) IS DISTINCT FROM ({new}))
    EXECUTE FUNCTION registration_report_names_changed();
"""
    DROP += f"DROP TRIGGER IF EXISTS {table}_report_choices_update ON {table};\n"
    if table != "accounts_user":  # a person is in the lists through their memberships
        CREATE += f"""
CREATE TRIGGER {table}_report_choices_insert_delete AFTER INSERT OR DELETE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION registration_report_names_changed();
"""
        DROP += f"DROP TRIGGER IF EXISTS {table}_report_choices_insert_delete ON {table};\n"

CREATE += """
INSERT INTO registration_report_revision (team_id, month, revision)
VALUES (0, DATE '1970-01-01', nextval('registration_report_revision_seq'))
ON CONFLICT (team_id, month) DO NOTHING;
"""


def _run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0005_contact_worker_without_own_index"),
        ("accounts", "0003_outreach_platform_catalogue"),
    ]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
