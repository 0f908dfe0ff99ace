"""The full file of one young person (access request): registration's data, signal involvement, access log."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from privacy.records import signal_model
from privacy.selectors import young_person_events
from registration.services import young_person_export_data

ACCESS_LOG_LIMIT = 5000


def _signal_involvement(young_person):
    """Which signals involve this young person and how: number, role, category, status and dates, never the text."""
    signals = signal_model()
    if signals is None:
        return []
    person_model = signals._meta.apps.get_model("signals", "SignalPerson")
    rows = person_model._base_manager.filter(young_person_id=young_person.pk).select_related("signal__category")
    return [
        {
            "signal": row.signal_id,
            "role": row.get_role_display(),
            "category": str(row.signal.category),
            "status": row.signal.get_status_display(),
            "reported_at": row.signal.created_at.isoformat(),
            "closed_at": row.signal.closed_at.isoformat() if row.signal.closed_at else None,
        }
        for row in rows.order_by("signal_id")
    ]


def _access_log(young_person_id, organisation_id):
    events = (
        young_person_events(organisation_id, young_person_id)
        .select_related("actor")
        .order_by("at", "pk")[:ACCESS_LOG_LIMIT]
    )
    return [
        {
            "at": timezone.localtime(event.at).isoformat(),
            "who": event.actor.full_name if event.actor else _("het systeem"),
            "action": event.get_action_display(),
            "record": f"{event.object_type}:{event.object_id}",
            "on_behalf_of": event.on_behalf_of,
        }
        for event in events
    ]


def young_person_file(*, actor, young_person, request=None):
    """Everything held about one young person, plus who accessed it; one EXPORT audit event (registration's)."""
    data = young_person_export_data(actor=actor, young_person=young_person, request=request)
    data["signal_involvement"] = _signal_involvement(young_person)
    data["access_log"] = _access_log(young_person.pk, young_person.team.organisation_id)
    return data


def _table(rows, columns):
    header = [label for _key, label in columns]
    body = [
        [Paragraph(escape(str(row.get(key) if row.get(key) is not None else "")), _small()) for key, _l in columns]
        for row in rows
    ]
    table = Table([header, *body], repeatRows=1)
    table.setStyle([("FONTSIZE", (0, 0), (-1, 0), 8), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")])
    return table


def _small():
    style = getSampleStyleSheet()["BodyText"]
    style.fontSize = 8
    style.leading = 10
    return style


def young_person_file_pdf(data):
    """A readable PDF of one young person's file: the record, contacts, handles, signals and the access log."""
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=1.5 * cm, rightMargin=1.5 * cm)
    person = data["young_person"]
    story = [
        Paragraph(escape(_("Gegevens van jongere %(number)s") % {"number": person["id"]}), styles["Title"]),
        Paragraph(
            escape(_("Gemaakt op %(date)s") % {"date": timezone.localtime().strftime("%d-%m-%Y %H:%M")}),
            styles["Normal"],
        ),
        Spacer(1, 0.4 * cm),
        _table([person], [(k, k) for k in person]),
    ]
    for label, rows in data["linked"].items():
        story += [Spacer(1, 0.4 * cm), Paragraph(escape(label), styles["Heading2"])]
        keys = list(rows[0])[:8] if rows else []
        story.append(_table(rows, [(k, k) for k in keys]))
        for row in rows:
            extra = {k: v for k, v in row.items() if k not in keys and v not in ("", None, [])}
            if extra:
                text = "; ".join(f"{k}: {v}" for k, v in extra.items())
                story.append(Paragraph(escape(f"#{row.get('id', '')} {text}"), _small()))
    story += [Spacer(1, 0.4 * cm), Paragraph(escape(_("Betrokken bij signalen")), styles["Heading2"])]
    columns = [("signal", _("Signaal")), ("role", _("Rol")), ("category", _("Categorie")), ("status", _("Status"))]
    story.append(_table(data["signal_involvement"], columns))
    story += [Spacer(1, 0.4 * cm), Paragraph(escape(_("Wie heeft deze gegevens ingezien")), styles["Heading2"])]
    columns = [
        ("at", _("Tijdstip")),
        ("who", _("Wie")),
        ("action", _("Handeling")),
        ("record", _("Gegeven")),
        ("on_behalf_of", _("Namens")),
    ]
    story.append(_table(data["access_log"], columns))
    document.build(story)
    return buffer.getvalue()
