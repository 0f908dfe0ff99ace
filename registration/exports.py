"""The report as files for the funder: CSV (streamed), XLSX (write-only) and PDF (with the hours chart).

Memory stays bounded: rows come from `.iterator()`, the CSV is a generator, and the XLSX is written
row by row in openpyxl's write-only mode to a temporary file on disk.
"""

import csv
import datetime
import io
import tempfile

from django.utils import formats
from django.utils.translation import gettext as _

from registration.models import CONTACT_ACTIVITY_LABEL, Activity
from registration.reports import report_querysets

ITERATOR_CHUNK = 2000


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


def detail_rows(report_filter):
    """Every contact and time entry of the report as plain rows, never all in memory at once."""
    contacts, entries = report_querysets(report_filter)
    contact_label = str(CONTACT_ACTIVITY_LABEL)
    contact_kind, time_kind = _("contact"), _("tijd")  # translated once, not per row
    for row in (
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
        date, team, worker, platform, group, count, minutes = row
        yield [contact_kind, date, team, worker, contact_label, platform, group or "", count, minutes]
    labels = dict(Activity.choices)
    for row in (
        entries.order_by("date", "pk")
        .values_list("date", "team__name", "worker__full_name", "activity", "duration_minutes")
        .iterator(chunk_size=ITERATOR_CHUNK)
    ):
        date, team, worker, activity, minutes = row
        yield [time_kind, date, team, worker, str(labels.get(activity, activity)), "", "", 0, minutes]


CSV_CHUNK_ROWS = 1000


def csv_stream(report, report_filter):
    """The CSV lines: the detail rows, then the totals row (only `report["totals"]` is read).

    Rows are yielded in chunks of about CSV_CHUNK_ROWS lines: one piece per row costs more than the row itself.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(detail_header())
    for count, row in enumerate(detail_rows(report_filter), start=1):
        writer.writerow([value.isoformat() if isinstance(value, datetime.date) else value for value in row])
        if count % CSV_CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    total = report["totals"]
    writer.writerow([_("Totaal"), "", "", "", "", "", "", total["reached"], total["minutes"]])
    yield buffer.getvalue()


def _period_text(report):
    f = report["filter"]
    return f"{formats.date_format(f.start, 'SHORT_DATE_FORMAT')} – {formats.date_format(f.end, 'SHORT_DATE_FORMAT')}"


def xlsx_write(report, report_filter, organisation_name, progress=None):
    """The report as a workbook (one sheet per breakdown, typed cells, a totals row); returns a temp file."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def bold_row(sheet, values):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    total = report["totals"]
    summary = workbook.create_sheet(_("Totalen"))
    summary.append([_("Organisatie"), organisation_name])
    summary.append([_("Periode"), report_filter.start, report_filter.end])
    if report_filter.agreement is not None:
        summary.append([_("Opdracht"), report_filter.agreement.name, report_filter.agreement.funder])
    bold_row(summary, [_("Contacten"), _("Bereikte jongeren"), _("Minuten"), _("Uren")])
    summary.append([total["contacts"], total["reached"], total["minutes"], total["hours"]])
    for part in report["breakdowns"]:
        sheet = workbook.create_sheet(part["title"][:31])
        bold_row(sheet, [*part["columns"], _("Contacten"), _("Bereikte jongeren"), _("Minuten"), _("Uren")])
        for row in part["rows"]:
            sheet.append([*row["labels"], row["contacts"], row["reached"], row["minutes"], row["hours"]])
        padding = [""] * (len(part["columns"]) - 1)
        bold_row(sheet, [_("Totaal"), *padding, total["contacts"], total["reached"], total["minutes"], total["hours"]])
    if report["goals"]:
        sheet = workbook.create_sheet(_("Doelstellingen"))
        bold_row(sheet, [_("Doelstelling"), _("Streefwaarde"), _("Behaald"), _("Procent")])
        for goal in report["goals"]:
            sheet.append([goal["description"], goal["target"], goal["actual"], goal["percent"]])
    details = workbook.create_sheet(_("Regels"))
    bold_row(details, detail_header())
    for count, row in enumerate(detail_rows(report_filter), start=1):
        details.append(row)
        if progress is not None and count % 1000 == 0:
            progress(count)
    bold_row(details, [_("Totaal"), "", "", "", "", "", "", total["reached"], total["minutes"]])
    # Returned open for the response to stream from; closed by the response (or the caller).
    target = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(target)
    target.seek(0)
    return target


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
