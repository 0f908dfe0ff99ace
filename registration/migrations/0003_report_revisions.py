"""Report revisions (PostgreSQL only): a counter per (team, month), bumped by the database itself.

Any insert, delete or report-relevant update of contacts and time entries (bulk writes, edits of old
entries, retention removal) gives each (team, month) it touches a new revision, in the writing transaction.
The manager's report is cached under its filters plus the revisions of the (team, month)s it covers, so a
changed month is a new cache key: a cached report is never stale. Row 0 (team 0) changes with the names a
report shows (team, worker, target group, platform) and on TRUNCATE. Revisions come from a sequence, so a
rolled-back write never hands out a number a committed one will use (and the sequence starts at a random
number, so a database rebuilt under the same name does not repeat the old one's keys). No table on SQLite: no cache there.
"""

from django.db import migrations

CONTACT_COLUMNS = "team_id, worker_id, date, platform_id, target_group_id, young_people_count, duration_minutes"
ENTRY_COLUMNS = "team_id, worker_id, date, activity, duration_minutes"

CREATE = """
CREATE SEQUENCE registration_report_revision_seq;
-- A random start: a database rebuilt under the same name never repeats an old database's revisions.
SELECT setval('registration_report_revision_seq', 1 + floor(random() * 1e15)::bigint);
CREATE TABLE registration_report_revision (
    team_id bigint NOT NULL,
    month date NOT NULL,
    revision bigint NOT NULL,
    PRIMARY KEY (team_id, month)
);

CREATE OR REPLACE FUNCTION registration_report_entries_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO registration_report_revision (team_id, month, revision)
        SELECT k.team_id, k.month, nextval('registration_report_revision_seq')
        FROM (SELECT DISTINCT team_id, date_trunc('month', date)::date AS month FROM new_rows) AS k
        ORDER BY k.team_id, k.month
        ON CONFLICT (team_id, month) DO UPDATE SET revision = EXCLUDED.revision;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO registration_report_revision (team_id, month, revision)
        SELECT k.team_id, k.month, nextval('registration_report_revision_seq')
        FROM (SELECT DISTINCT team_id, date_trunc('month', date)::date AS month FROM old_rows) AS k
        ORDER BY k.team_id, k.month
        ON CONFLICT (team_id, month) DO UPDATE SET revision = EXCLUDED.revision;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION registration_report_entry_updated() RETURNS trigger AS $$
BEGIN
    INSERT INTO registration_report_revision (team_id, month, revision)
    SELECT k.team_id, k.month, nextval('registration_report_revision_seq')
    FROM (
        SELECT OLD.team_id AS team_id, date_trunc('month', OLD.date)::date AS month
        UNION
        SELECT NEW.team_id, date_trunc('month', NEW.date)::date
    ) AS k
    ORDER BY k.team_id, k.month
    ON CONFLICT (team_id, month) DO UPDATE SET revision = EXCLUDED.revision;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION registration_report_names_changed() RETURNS trigger AS $$
BEGIN
    INSERT INTO registration_report_revision (team_id, month, revision)
    VALUES (0, DATE '1970-01-01', nextval('registration_report_revision_seq'))
    ON CONFLICT (team_id, month) DO UPDATE SET revision = EXCLUDED.revision;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

TABLES = (("registration_contact", CONTACT_COLUMNS), ("registration_timeentry", ENTRY_COLUMNS))
for table, columns in TABLES:
    columns_old = ", ".join(f"OLD.{c}" for c in columns.split(", "))
    columns_new = ", ".join(f"NEW.{c}" for c in columns.split(", "))
    CREATE += f"""
CREATE TRIGGER {table}_report_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION registration_report_entries_changed();
CREATE TRIGGER {table}_report_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION registration_report_entries_changed();
CREATE TRIGGER {table}_report_update AFTER UPDATE OF {columns} ON {table}
    FOR EACH ROW WHEN (({columns_old}) IS DISTINCT FROM ({columns_new}))
    EXECUTE FUNCTION registration_report_entry_updated();
CREATE TRIGGER {table}_report_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION registration_report_names_changed();
"""

NAMES = (
    ("accounts_team", "name"),
    ("accounts_user", "full_name"),
    ("accounts_targetgroup", "name"),
    ("accounts_platform", "name"),
)
for table, column in NAMES:
    CREATE += f"""
CREATE TRIGGER {table}_report_names AFTER UPDATE OF {column} ON {table}
    FOR EACH ROW WHEN (OLD.{column} IS DISTINCT FROM NEW.{column})
    EXECUTE FUNCTION registration_report_names_changed();
"""

DROP = "".join(
    f"DROP TRIGGER IF EXISTS {table}_report_{event} ON {table};\n"
    for table, _columns in TABLES
    for event in ("insert", "delete", "update", "truncate")
) + "".join(f"DROP TRIGGER IF EXISTS {table}_report_names ON {table};\n" for table, _column in NAMES)
DROP += """
DROP FUNCTION IF EXISTS registration_report_entries_changed();
DROP FUNCTION IF EXISTS registration_report_entry_updated();
DROP FUNCTION IF EXISTS registration_report_names_changed();
DROP TABLE IF EXISTS registration_report_revision;
DROP SEQUENCE IF EXISTS registration_report_revision_seq;
"""


def _run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0002_exportjob_funderagreement_agreementgoal_and_more"),
        ("accounts", "0003_outreach_platform_catalogue"),
    ]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
