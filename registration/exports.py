"""The report as files for the funder: CSV and XLSX (detail rows written by PostgreSQL), PDF (with the chart).

On PostgreSQL the detail rows never pass through Python one by one: `COPY (SELECT ...) TO STDOUT` writes the
CSV lines, and the XML rows of the workbook's detail sheet, straight into a temporary file (the workbook's
sheet through zlib). The query is the ORM's own (`report_querysets`: the same filters and scoping as the
report), with the formatting done in SQL. Elsewhere (SQLite for `make run`) the same bytes are written from
Python; `registration/tests/test_export_copy.py` checks that both paths give the same files.
"""

import datetime
import io
import tempfile

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Case, CharField, ExpressionWrapper, F, Func, IntegerField, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import formats
from django.utils.translation import gettext as _

from registration import xlsx
from registration.models import CONTACT_ACTIVITY_LABEL, Activity
from registration.reports import report_querysets

ITERATOR_CHUNK = 2000
RESPONSE_BLOCK = 1 << 20  # a response reads its temporary file in pieces of a megabyte
FORMULA_STARTS = ("=", "+", "-", "@")


def detail_header():
    return [
        _("Soort"),
        _("Datum"),
        _("Team"),
        _("Jongerenwerker"),
        _("Activiteit"),
        _("Platform"),
        _("Doelgroep"),
        _("Aantal jongeren"),
        _("Minuten"),
    ]


def _use_copy():
    return connection.vendor == "postgresql"


# CSV --------------------------------------------------------------------------------------------------


def csv_safe(value):
    """A text cell a spreadsheet will not run as a formula (as policy's completion CSV does)."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


def _csv_field(value):
    """One field as PostgreSQL's COPY ... CSV writes it: quoted only when it holds , " CR or LF."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text == "\\." or any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(values):
    return ",".join(_csv_field(value) for value in values) + "\n"


class CsvSafe(Func):
    """SQL: the text with an apostrophe in front when it starts with = + - or @ (see `csv_safe`)."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        starts = ", ".join(f"'{c}'" for c in FORMULA_STARTS)
        return (
            f"(CASE WHEN substr({sql}, 1, 1) IN ({starts}) THEN '''' || {sql} ELSE {sql} END)",
            (*params, *params, *params),
        )


class NullIfEmpty(Func):
    """SQL NULLIF(text, ''): COPY writes NULL unquoted (an empty field) and '' as "" ."""

    function = "NULLIF"
    template = "NULLIF(%(expressions)s, '')"
    output_field = CharField()


def _labels():
    """The row labels in the person's language, translated once (not per row)."""
    return {
        "contact": _("contact"),
        "time": _("tijd"),
        "contact_activity": str(CONTACT_ACTIVITY_LABEL),
        "activities": {value: str(label) for value, label in Activity.choices},
    }


def _activity_case(labels):
    return Case(
        *[When(activity=value, then=Value(label)) for value, label in labels["activities"].items()],
        default=F("activity"),
        output_field=CharField(),
    )


def _csv_querysets(report_filter, labels):
    """The contacts and time entries as the CSV's columns, formatted in SQL, in the CSV's order."""
    contacts, entries = report_querysets(report_filter)
    text = CharField()
    contact_columns = {
        "x_kind": Value(labels["contact"], output_field=text),
        "x_date": F("date"),  # written as YYYY-MM-DD: COPY runs with DateStyle ISO
        "x_team": NullIfEmpty(CsvSafe("team__name")),
        "x_worker": NullIfEmpty(CsvSafe("worker__full_name")),
        "x_activity": Value(labels["contact_activity"], output_field=text),
        "x_platform": NullIfEmpty(CsvSafe("platform__name")),
        "x_group": NullIfEmpty(CsvSafe("target_group__name")),
        "x_count": F("young_people_count"),
        "x_minutes": F("duration_minutes"),
    }
    entry_columns = {
        **contact_columns,
        "x_kind": Value(labels["time"], output_field=text),
        "x_activity": _activity_case(labels),
        "x_platform": Value(None, output_field=text),
        "x_group": Value(None, output_field=text),
        "x_count": Value(0, output_field=IntegerField()),
    }
    return [
        contacts.annotate(**contact_columns).order_by("date", "pk").values_list(*contact_columns),
        entries.annotate(**entry_columns).order_by("date", "pk").values_list(*entry_columns),
    ]


def _copy_to(queryset, target, options="FORMAT csv"):
    """COPY (the queryset's SELECT) TO STDOUT into a file-like `target` (its `write` gets the bytes); rows."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        # Dates as YYYY-MM-DD whatever the server's default; no JIT: the planner overestimates a year's rows
        # tenfold, and compiling the expressions costs more than evaluating them.
        cursor.execute("SET LOCAL datestyle = 'ISO, YMD'")
        cursor.execute("SET LOCAL jit = off")
        raw = cursor.cursor  # psycopg2's own cursor: Django's wrapper has no COPY
        query = raw.mogrify(sql, params).decode()
        raw.copy_expert(f"COPY ({query}) TO STDOUT WITH ({options})", target)
        return raw.rowcount


class _Pieces:
    """A file-like target for COPY: passes the bytes on in pieces of about a megabyte."""

    PIECE = 1 << 20

    def __init__(self, write):
        self.flush_to = write
        self.parts, self.size = [], 0

    def write(self, data):
        self.parts.append(data)
        self.size += len(data)
        if self.size >= self.PIECE:
            self.flush()

    def flush(self):
        if self.parts:
            self.flush_to(b"".join(self.parts))
            self.parts, self.size = [], 0


def _python_rows(report_filter, labels):
    """Every contact and time entry as typed values (dates, None), in the export's order (not via COPY)."""
    contacts, entries = report_querysets(report_filter)
    for date, team, worker, platform, group, count, minutes in (
        contacts.order_by("date", "pk")
        .values_list(
            "date",
            "team__name",
            "worker__full_name",
            "platform__name",
            "target_group__name",
            "young_people_count",
            "duration_minutes",
        )
        .iterator(chunk_size=ITERATOR_CHUNK)
    ):
        yield [labels["contact"], date, team, worker, labels["contact_activity"], platform, group, count, minutes]
    activities = labels["activities"]
    for date, team, worker, activity, minutes in (
        entries.order_by("date", "pk")
        .values_list("date", "team__name", "worker__full_name", "activity", "duration_minutes")
        .iterator(chunk_size=ITERATOR_CHUNK)
    ):
        yield [labels["time"], date, team, worker, activities.get(activity, activity), None, None, 0, minutes]


def _csv_text(value):
    return None if value in (None, "") else csv_safe(value)


def csv_write(total, report_filter, target, use_copy=None):
    """The CSV into a binary file: BOM, header, every detail row, the totals row; returns the detail rows.

    `total` is `reports.totals(...)`. On PostgreSQL, COPY writes the detail rows (`use_copy` forces a path).
    """
    labels = _labels()
    target.write(("\ufeff" + csv_line(detail_header())).encode())
    rows = 0
    if use_copy if use_copy is not None else _use_copy():
        for queryset in _csv_querysets(report_filter, labels):
            counter = _Pieces(target.write)
            rows += _copy_to(queryset, counter)
            counter.flush()
    else:
        lines = []
        for kind, date, team, worker, activity, platform, group, count, minutes in _python_rows(report_filter, labels):
            lines.append(
                csv_line(
                    [kind, date.isoformat(), _csv_text(team), _csv_text(worker), activity, _csv_text(platform),
                     _csv_text(group), count, minutes]
                )
            )  # fmt: skip
            if len(lines) == ITERATOR_CHUNK:
                target.write("".join(lines).encode())
                rows, lines = rows + len(lines), []
        target.write("".join(lines).encode())
        rows += len(lines)
    target.write(csv_line([_("Totaal"), "", "", "", "", "", "", total["reached"], total["minutes"]]).encode())
    return rows


def csv_file(total, report_filter):
    """The CSV in a temporary file, at its start (the response streams it and closes it)."""
    target = tempfile.TemporaryFile()  # noqa: SIM115
    csv_write(total, report_filter, target)
    target.seek(0)
    return target


# XLSX -------------------------------------------------------------------------------------------------

# One detail row of the workbook; {n} the row number. Written by PostgreSQL (format()) or by Python.
DETAIL_ROW = (
    '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{kind}</t></is></c><c r="B{n}" s="1"><v>{date}</v></c>'
    '<c r="C{n}" t="inlineStr"><is><t>{team}</t></is></c><c r="D{n}" t="inlineStr"><is><t>{worker}</t></is></c>'
    '<c r="E{n}" t="inlineStr"><is><t>{activity}</t></is></c><c r="F{n}" t="inlineStr"><is><t>{platform}</t></is></c>'
    '<c r="G{n}" t="inlineStr"><is><t>{group}</t></is></c><c r="H{n}"><v>{count}</v></c>'
    '<c r="I{n}"><v>{minutes}</v></c></row>'
)
_DETAIL_FIELDS = ("n", "kind", "date", "team", "worker", "activity", "platform", "group", "count", "minutes")


def _sql_row_template():
    """DETAIL_ROW for SQL format(): {n} becomes %1$s, {kind} %2$s, ..."""
    template = DETAIL_ROW
    for position, name in enumerate(_DETAIL_FIELDS, start=1):
        template = template.replace("{" + name + "}", f"%{position}$s")
    return template


class XmlText(Func):
    """SQL: text escaped for XML as `xlsx.xml_text` escapes it (control characters dropped)."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        escaped = f"translate({sql}, %s, '')"
        for plain, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("E'\\n'", "&#10;"), ("E'\\r'", "&#13;")):
            quoted = plain if plain.startswith("E'") else f"'{plain}'"
            escaped = f"replace({escaped}, {quoted}, '{entity}')"
        return escaped, (*params, xlsx.CONTROL_CHARACTERS)


class ExcelDate(Func):
    template = "(%(expressions)s - DATE '1899-12-30')"
    output_field = IntegerField()


def _xml_querysets(report_filter, labels):
    """Two functions (contacts, then entries): first row number -> the rows as XML `<row>` lines (one column)."""
    contacts, entries = report_querysets(report_filter)
    text = CharField()
    template = Value(_sql_row_template(), output_field=text)

    def rows(queryset, offset, kind, activity, platform, group, count):
        number = ExpressionWrapper(
            Window(RowNumber(), order_by=[F("date").asc(), F("pk").asc()]) + Value(offset - 1),
            output_field=IntegerField(),
        )
        line = Func(
            template, number, Value(kind, output_field=text), ExcelDate("date"),
            XmlText("team__name"), XmlText("worker__full_name"), activity, platform, group, count,
            F("duration_minutes"), function="format", output_field=text,
        )  # fmt: skip
        return queryset.annotate(x_row=line).order_by("date", "pk").values_list("x_row")

    blank = Value(None, output_field=text)
    return (
        lambda offset: rows(
            contacts, offset, xlsx.xml_text(labels["contact"]), Value(xlsx.xml_text(labels["contact_activity"])),
            XmlText("platform__name"), XmlText("target_group__name"), F("young_people_count"),
        ),
        lambda offset: rows(
            entries, offset, xlsx.xml_text(labels["time"]), XmlText(_activity_case(labels)), blank, blank, Value(0),
        ),
    )  # fmt: skip


def _write_detail_rows(sheet, report_filter, use_copy, progress):
    labels = _labels()
    if use_copy:
        # The connection is busy while COPY runs: the progress is written between the two COPYs, not during.
        for make in _xml_querysets(report_filter, labels):
            queryset = make(sheet.rows + 1)
            counter = _Pieces(lambda piece: sheet.raw(piece, piece.count(b"\n")))
            _copy_to(queryset, counter, options="FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02'")
            counter.flush()
            if progress is not None:
                progress(sheet.rows - 1)
        return
    lines = []
    rows = _python_rows(report_filter, labels)
    for done, (kind, date, team, worker, activity, platform, group, count, minutes) in enumerate(rows, start=1):
        values = {
            "n": sheet.rows + len(lines) + 1, "kind": xlsx.xml_text(kind), "date": xlsx.excel_date(date),
            "team": xlsx.xml_text(team or ""), "worker": xlsx.xml_text(worker or ""),
            "activity": xlsx.xml_text(activity), "platform": xlsx.xml_text(platform or ""),
            "group": xlsx.xml_text(group or ""), "count": count, "minutes": minutes,
        }  # fmt: skip
        lines.append(DETAIL_ROW.format(**values) + "\n")
        if len(lines) == ITERATOR_CHUNK:
            sheet.raw("".join(lines).encode(), len(lines))
            lines = []
            if progress is not None:
                progress(done)
    sheet.raw("".join(lines).encode(), len(lines))


def xlsx_write(report, report_filter, organisation_name, progress=None, use_copy=None):
    """The report as a workbook (one sheet per breakdown, typed cells, a totals row); returns a temp file.

    The detail sheet ("Regels") is written by PostgreSQL's COPY on PostgreSQL (`use_copy` forces a path).
    """
    use_copy = use_copy if use_copy is not None else _use_copy()
    total = report["totals"]
    titles = [_("Totalen"), *(part["title"] for part in report["breakdowns"])]
    if report["goals"]:
        titles.append(_("Doelstellingen"))
    titles.append(_("Regels"))
    target = tempfile.TemporaryFile()  # noqa: SIM115  (returned open: the response streams and closes it)
    book = xlsx.Workbook(target, titles)
    summary = book.sheet()
    summary.row([_("Organisatie"), organisation_name])
    summary.row([_("Periode"), report_filter.start, report_filter.end])
    if report_filter.agreement is not None:
        summary.row([_("Opdracht"), report_filter.agreement.name, report_filter.agreement.funder])
    summary.row([_("Contacten"), _("Bereikte jongeren"), _("Minuten"), _("Uren")], bold=True)
    summary.row([total["contacts"], total["reached"], total["minutes"], total["hours"]])
    summary.close()
    for part in report["breakdowns"]:
        sheet = book.sheet()
        sheet.row([*part["columns"], _("Contacten"), _("Bereikte jongeren"), _("Minuten"), _("Uren")], bold=True)
        for row in part["rows"]:
            sheet.row([*row["labels"], row["contacts"], row["reached"], row["minutes"], row["hours"]])
        padding = [""] * (len(part["columns"]) - 1)
        totals_row = [_("Totaal"), *padding, total["contacts"], total["reached"], total["minutes"], total["hours"]]
        sheet.row(totals_row, bold=True)
        sheet.close()
    if report["goals"]:
        sheet = book.sheet()
        sheet.row([_("Doelstelling"), _("Streefwaarde"), _("Behaald"), _("Procent")], bold=True)
        for goal in report["goals"]:
            sheet.row([goal["description"], goal["target"], goal["actual"], goal["percent"]])
        sheet.close()
    details = book.sheet()
    details.row(detail_header(), bold=True)
    _write_detail_rows(details, report_filter, use_copy, progress)
    details.row([_("Totaal"), "", "", "", "", "", "", total["reached"], total["minutes"]], bold=True)
    details.close()
    book.close()
    target.seek(0)
    return target


def _period_text(report):
    f = report["filter"]
    return f"{formats.date_format(f.start, 'SHORT_DATE_FORMAT')} – {formats.date_format(f.end, 'SHORT_DATE_FORMAT')}"


def _hours_chart(weeks):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    drawing = Drawing(460, 200)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, 400, 150
    chart.data = [[hours for _week, hours in weeks] or [0]]
    chart.categoryAxis.categoryNames = [week.strftime("%d-%m") for week, _hours in weeks] or [""]
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.dy = -8
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#2b6777")
    drawing.add(chart)
    drawing.add(String(40, 188, _("Uren per week"), fontSize=9))
    return drawing


def pdf_write(report, report_filter, organisation_name):
    """The report as a PDF for the funder: organisation, period, totals, breakdowns and the hours chart."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=_("Urenrapportage"))
    story = [Paragraph(_("Urenrapportage %(organisation)s") % {"organisation": organisation_name}, styles["Title"])]
    story.append(Paragraph(_("Periode: %(period)s") % {"period": _period_text(report)}, styles["Normal"]))
    if report_filter.agreement is not None:
        story.append(
            Paragraph(
                _("Opdracht: %(name)s (%(funder)s)")
                % {"name": report_filter.agreement.name, "funder": report_filter.agreement.funder},
                styles["Normal"],
            )
        )
    total = report["totals"]
    story.append(Spacer(1, 8))
    story.append(
        Paragraph(
            _("Totaal: %(contacts)s contacten, %(reached)s bereikte jongeren, %(hours)s uur")
            % {"contacts": total["contacts"], "reached": total["reached"], "hours": total["hours"]},
            styles["Heading3"],
        )
    )
    story.append(_hours_chart(report["weeks"]))
    table_style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
        ]
    )
    if report["goals"]:
        story.append(Paragraph(_("Doelstellingen"), styles["Heading2"]))
        rows = [[_("Doelstelling"), _("Streefwaarde"), _("Behaald"), _("Procent")]]
        rows += [[g["description"], g["target"], g["actual"], f"{g['percent']} %"] for g in report["goals"]]
        story.append(Table(rows, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey)])))
    for part in report["breakdowns"]:
        story.append(Paragraph(part["title"], styles["Heading2"]))
        rows = [[*part["columns"], _("Contacten"), _("Jongeren"), _("Uren")]]
        for row in part["rows"]:
            labels = [label.strftime("%m-%Y") if isinstance(label, datetime.date) else label for label in row["labels"]]
            rows.append([*labels, row["contacts"], row["reached"], row["hours"]])
        padding = [""] * (len(part["columns"]) - 1)
        rows.append([_("Totaal"), *padding, total["contacts"], total["reached"], total["hours"]])
        story.append(Table(rows, style=table_style, repeatRows=1))
    doc.build(story)
    return buffer.getvalue()
