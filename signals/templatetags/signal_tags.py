"""Signal tables, filter options and the signal page's timeline built in Python: a page of the queue has some 70
rows and 40 options, and rendering each cell or option as template nodes cost more than the whole rest of the page.

Escaping is `html.escape`, which is what Django's `escape` runs (without its lazy-string wrapper, a third of
the table's time).
"""

from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jongerenwerk.links import object_url_parts
from jongerenwerk.widgets import options_html
from signals.models import Signal, SignalEvent
from signals.models.signal import URGENCY_ICON, Urgency, choice_label

register = template.Library()
Kind = SignalEvent.Kind


def _urgency_badge(value):
    """Colour, icon and word together, never colour alone; a value that is not an urgency shows as normal."""
    known = value if value in URGENCY_ICON else Urgency.NORMAL
    return (
        f'<span class="badge urgency-badge urgency-badge-{escape(str(value))}"><i class="bi bi-{URGENCY_ICON[known]}" '
        f'aria-hidden="true"></i> {escape(str(Urgency(known).label))}</span>'
    )


def _deadline(row, now, late):
    if row.status == Signal.Status.REPORTED:
        due = timezone.localtime(row.triage_due_at).strftime("%d-%m %H:%M")
        if row.triage_due_at < now:
            alarm = '<i class="bi bi-alarm" aria-hidden="true"></i>'
            return f'<span class="text-danger fw-semibold">{alarm} {late}: {due}</span>'
        return f"<span>{due}</span>"
    day = row.step_due_on
    return f"{day.day:02d}-{day.month:02d}" if day else "—"


@register.simple_tag
def urgency_badge(urgency):
    """The badge of one urgency (a signal's, or a row of the figures)."""
    return mark_safe(_urgency_badge(urgency))


@register.simple_tag
def signal_table(rows):
    """A table of `SignalRow`s, a <tr> each: number (linked), urgency badge, category, status, handler, deadline."""
    head = "".join(
        f'<th scope="col">{escape(label)}</th>'
        for label in (_("Nr."), _("Urgentie"), _("Categorie"), _("Status"), _("Behandelaar"), _("Termijn"))
    )
    badges = {urgency: _urgency_badge(urgency) for urgency in {row.urgency for row in rows}}
    statuses = {status: escape(str(choice_label(Signal.Status, status))) for status in {row.status for row in rows}}
    # Escaped once per name: a page shows a handful of categories and handlers many times.
    names = {name: escape(name) for name in {row.category for row in rows} | {row.handler or "—" for row in rows}}
    late = escape(_("te laat"))
    now = timezone.now()
    prefix, suffix = object_url_parts("signals:detail")
    body = "".join(
        f'<tr class="urgency-{escape(row.urgency)}">'
        f'<td><a href="{prefix}{row.pk}{suffix}">#{row.pk}</a></td>'
        f"<td>{badges[row.urgency]}</td>"
        f"<td>{names[row.category]}</td>"
        f"<td>{statuses[row.status]}</td>"
        f"<td>{names[row.handler or '—']}</td>"
        f"<td>{_deadline(row, now, late)}</td></tr>\n"
        for row in rows
    )
    return mark_safe(
        f'<div class="table-responsive"><table class="table table-sm align-middle">\n  <thead><tr>{head}</tr></thead>'
        f"\n  <tbody>{body}</tbody>\n</table></div>\n"
    )


@register.simple_tag
def filter_options(choices, selected):
    """The <option>s of a filter: (value, label) pairs; the one whose value is `selected` (a GET string) is selected."""
    return mark_safe(options_html(choices, {escape(selected or "")}))


def _when(value):
    """As the `date:"d-m-Y H:i"` filter shows a moment: in the current time zone."""
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")


def _reason(event):
    return f"<br><em>{escape(event.reason)}</em>" if event.reason else ""


def _timeline_text(event, outcomes, prefix, suffix):
    """What one timeline row says after when and who; `outcomes`: the weighing's outcomes by value, `prefix` and
    `suffix`: a session's address around its number."""
    kind = event.kind
    if kind == Kind.VIEWED:
        times = ""
        if event.times > 1:
            counted = ngettext("%(times)s× sinds %(first)s", "%(times)s× sinds %(first)s", event.times)
            times = f" ({counted % {'times': event.times, 'first': _when(event.first_at)}})"
        return f'<span class="text-body-secondary">{escape(_("bekeken"))}{times}</span>'
    if kind == Kind.STATUS:
        label = f" – {escape(event.label)}" if event.label else ""
        return (
            f"{escape(_('Status'))}: {escape(event.old_status_label)} → <strong>{escape(event.new_status_label)}"
            f"</strong>{label}{_reason(event)}"
        )
    if kind == Kind.REPORTED:
        return f"{escape(_('Gemeld'))} ({escape(event.label)})"
    if kind == Kind.CONSULTATION:
        session_id = event.step.session_id if event.step else None
        link = f': <a href="{prefix}{session_id}{suffix}">{escape(_("naar het verslag"))}</a>' if session_id else ""
        return f"{escape(_('Besproken in intervisie'))}{link}"
    if kind == Kind.CLOSE_REFUSED:
        return f"{escape(_('Sluiten afgewezen'))}: <em>{escape(event.reason)}</em>"
    if kind == Kind.HANDLER_CHANGED:
        return f"{escape(event.label)}{_reason(event)}"
    if kind == Kind.CORRECTED:
        before = ""
        if event.previous_facts:
            before = (
                f"\n        <details><summary>{escape(_('Eerdere feiten'))}</summary>"
                f'<p class="mb-0 text-pre">{escape(event.previous_facts)}</p></details>'
            )
        return f"{escape(_('Melding gecorrigeerd'))}: {escape(event.label)}{_reason(event)}{before}"
    what = escape(capfirst(str(event.kind_label)))
    if event.step:
        outcome = f" – {escape(outcomes.get(event.step.weigh_outcome, ''))}" if event.step.weigh_outcome else ""
        return f"{what}: {escape(event.step.kind_label)}{outcome}"
    return f"{what}: {escape(event.label)}" if event.label else what


@register.simple_tag
def signal_timeline(timeline, outcomes):
    """The <li> of each timeline row (an event, or a viewer's openings): when, who, and what happened."""
    nobody = escape(_("systeem"))
    prefix, suffix = object_url_parts("signals:session_detail")
    return mark_safe(
        "".join(
            f'\n    <li class="mb-2 timeline-{escape(event.kind)}">\n      <small class="text-body-secondary">'
            f"{_when(event.at)} · {escape(event.actor_name) if event.actor_name else nobody}</small><br>\n"
            f"      {_timeline_text(event, outcomes, prefix, suffix)}\n    </li>\n  "
            for event in timeline
        )
    )
