"""A small streaming XLSX writer: typed cells (text, numbers, dates), bold rows, sheets written in order.

A sheet's rows go straight into the zip entry; nothing is held per cell. The detail sheet's rows can come
as ready XML (PostgreSQL writes them, see `exports`), so a workbook of 500,000 rows costs about what
compressing its XML costs. Text cells are inline strings: a spreadsheet never reads them as formulas.
"""

import datetime
import re
import zipfile
from decimal import Decimal

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EPOCH = datetime.date(1899, 12, 30)
DATE_STYLE, BOLD_STYLE = 1, 2
# Characters XML 1.0 does not allow (a name pasted with one would make the file unreadable): dropped.
CONTROL_CHARACTERS = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")
_CONTROL = re.compile(f"[{re.escape(CONTROL_CHARACTERS)}]")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

STYLES = (
    f'{HEAD}<styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def xml_text(value):
    """Text for inside an element, escaped as `exports.XmlText` escapes it in SQL (the same bytes)."""
    text = _CONTROL.sub("", value)
    for plain, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\n", "&#10;"), ("\r", "&#13;")):
        text = text.replace(plain, escaped)
    return text


def excel_date(value):
    return (value - EPOCH).days


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_xml(ref, value, bold=False):
    """One cell; None and "" are left out (an empty cell)."""
    style = f' s="{BOLD_STYLE}"' if bold else ""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return f'<c r="{ref}"{style} t="inlineStr"><is><t>{xml_text(value)}</t></is></c>'
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f'<c r="{ref}" s="{DATE_STYLE}"><v>{excel_date(value)}</v></c>'
    if isinstance(value, bool | int | float | Decimal):
        return f'<c r="{ref}"{style}><v>{value}</v></c>'
    return cell_xml(ref, str(value), bold)


class Sheet:
    """One sheet being written: `row()` for typed values, `raw` for ready `<row>` XML; rows numbered from 1."""

    def __init__(self, stream):
        self.stream = stream
        self.rows = 0
        stream.write(f'{HEAD}<worksheet xmlns="{MAIN}"><sheetData>\n'.encode())

    def row(self, values, bold=False):
        self.rows += 1
        n = self.rows
        cells = "".join(cell_xml(f"{column_letter(i)}{n}", value, bold) for i, value in enumerate(values))
        self.stream.write(f'<row r="{n}">{cells}</row>\n'.encode())

    def raw(self, data, rows):
        """Rows already written as XML (numbered from `self.rows + 1` on), `rows` of them."""
        self.stream.write(data)
        self.rows += rows

    def close(self):
        self.stream.write(b"</sheetData></worksheet>")
        self.stream.close()


class Workbook:
    """`Workbook(file, titles)`, then `sheet()` once per title, in order, then `close()`."""

    def __init__(self, target, titles):
        self.zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self.titles = self._names(titles)
        self.written = 0
        count = len(self.titles)
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>'
            for i in range(1, count + 1)
        )
        head = HEAD
        self.zip.writestr(
            "[Content_Types].xml",
            f'{head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>",
        )
        self.zip.writestr(
            "_rels/.rels",
            f'{head}<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        sheets = "".join(
            f'<sheet name="{xml_text(title)}" sheetId="{i}" r:id="rId{i}"/>' for i, title in enumerate(self.titles, 1)
        )
        self.zip.writestr(
            "xl/workbook.xml",
            f'{head}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{sheets}</sheets></workbook>',
        )
        relations = "".join(
            f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, count + 1)
        )
        self.zip.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{head}<Relationships xmlns="{PACKAGE_RELS}">{relations}'
            f'<Relationship Id="rId{count + 1}" Type="{RELS}/styles" Target="styles.xml"/></Relationships>',
        )
        self.zip.writestr("xl/styles.xml", STYLES)

    @staticmethod
    def _names(titles):
        """Sheet names as spreadsheets accept them: at most 31 characters, no []:*?/\\, each once."""
        names = []
        for title in titles:
            name = _SHEET_NAME_FORBIDDEN.sub(" ", _CONTROL.sub("", str(title)))[:31] or "-"
            base, number = name, 2
            while name.lower() in (n.lower() for n in names):
                suffix = f" ({number})"
                name, number = base[: 31 - len(suffix)] + suffix, number + 1
            names.append(name)
        return names

    def sheet(self):
        self.written += 1
        return Sheet(self.zip.open(f"xl/worksheets/sheet{self.written}.xml", "w", force_zip64=True))

    def close(self):
        self.zip.close()
