"""Bulk loading through PostgreSQL COPY: rows as tab-separated text, in chunks, with rows per second."""

import io
import json
import time
from datetime import date, datetime

from django.db import connection
from django.utils import timezone

CHUNK_ROWS = 50_000


def _text(value):
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _constant_columns(model, fields):
    """Columns the caller did not give, filled the way the ORM would: NULL, the default, or now."""
    given = {model._meta.get_field(name).column for name in fields}
    now = timezone.now()
    constants = []
    for field in model._meta.concrete_fields:
        if field.column in given or field.primary_key or field.null:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.has_default():
            value = field.get_default()
            value = json.dumps(value) if isinstance(value, (dict, list)) else value
        elif field.blank and field.get_internal_type() in ("CharField", "TextField", "SlugField", "EmailField"):
            value = ""
        else:
            raise ValueError(f"{model.__name__}.{field.name} needs a value in the seeder")
        constants.append((field.column, _text(value)))
    return constants


class Loader:
    """COPYs rows into a model's table and keeps the count and time per table."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.tables = {}

    def next_id(self, model):
        """The first free primary key of the table (ids are assigned here so rows can refer to each other)."""
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX("{model._meta.pk.column}"), 0) + 1 FROM "{model._meta.db_table}"')
            return cursor.fetchone()[0]

    def copy(self, model, fields, rows):
        """COPY `rows` (tuples in the order of `fields`, model field names) into the model's table."""
        table = model._meta.db_table
        constants = _constant_columns(model, fields)
        names = [model._meta.get_field(name).column for name in fields] + [column for column, _ in constants]
        suffix = "".join("\t" + value for _, value in constants) + "\n"
        sql = 'COPY "{}" ({}) FROM STDIN'.format(table, ", ".join(f'"{name}"' for name in names))
        started = time.perf_counter()
        count = 0
        buffer = io.StringIO()
        with connection.cursor() as cursor:
            for row in rows:
                buffer.write("\t".join(map(_text, row)))
                buffer.write(suffix)
                count += 1
                if count % CHUNK_ROWS == 0:
                    self._flush(cursor, sql, buffer)
                    buffer = io.StringIO()
            self._flush(cursor, sql, buffer)
            if model._meta.pk.name in fields:
                pk = model._meta.pk.column
                cursor.execute(
                    f'SELECT setval(pg_get_serial_sequence(%s, %s), (SELECT COALESCE(MAX("{pk}"), 1) FROM "{table}"))',
                    [table, pk],
                )
        self.record(table, count, time.perf_counter() - started)
        return count

    def _flush(self, cursor, sql, buffer):
        if buffer.tell():
            buffer.seek(0)
            cursor.cursor.copy_expert(sql, buffer)

    def record(self, table, count, seconds):
        """Count rows written some other way (bulk_create) under the table's name."""
        rows, spent = self.tables.get(table, (0, 0.0))
        self.tables[table] = (rows + count, spent + seconds)
        if self.stdout is not None:
            rate = count / seconds if seconds > 0 else 0
            self.stdout.write(f"  {table:<42} {count:>10,} rows {seconds:8.1f} s {rate:>12,.0f} rows/s")

    @property
    def total_rows(self):
        return sum(rows for rows, _ in self.tables.values())
