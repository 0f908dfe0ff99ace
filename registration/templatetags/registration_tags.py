from html import escape

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from jongerenwerk.links import object_url_parts
from registration.models import Activity

register = template.Library()


@register.filter
def duration(minutes):
    """Minutes as '1 u 30 min' (or '45 min')."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s u") % {"hours": hours}
    return _("%(hours)s u %(minutes)s min") % {"hours": hours, "minutes": rest}


def _link_parts(name):
    return tuple(escape(part) for part in object_url_parts(name))


def _week_words(render_context):
    words = render_context.get("registration_week_words")
    if words is None:
        words = {
            "contact_url": _link_parts("registration:contact_detail"),
            "entry_url": _link_parts("registration:time_entry_edit"),
            "contact": escape(_("Contact")),
            "young_people": escape(_("jongere(n)")),
            "activities": {value: escape(str(label)) for value, label in Activity.choices},
        }
        render_context["registration_week_words"] = words
    return words


@register.simple_tag(takes_context=True)
def week_day_items(context, day):
    """One day of the week view as list items, built in Python: a busy week has hundreds of rows."""
    words = _week_words(context.render_context)
    (contact_before, contact_after), (entry_before, entry_after) = words["contact_url"], words["entry_url"]
    items = [
        f'<li><a href="{contact_before}{row["pk"]}{contact_after}"><i class="bi bi-chat-dots" aria-hidden="true"></i> '
        f"{words['contact']}: {escape(row['platform__name'])}, {escape(row['target_group__name'])}, "
        f"{row['young_people_count']} {words['young_people']}</a> – {escape(duration(row['duration_minutes']))}</li>"
        for row in day["contacts"]
    ]
    items.extend(
        f'<li><a href="{entry_before}{row["pk"]}{entry_after}"><i class="bi bi-stopwatch" aria-hidden="true"></i> '
        f"{words['activities'].get(row['activity'], escape(row['activity']))}</a> – "
        f"{escape(duration(row['duration_minutes']))}</li>"
        for row in day["entries"]
    )
    return mark_safe("\n".join(items))  # every value above is escaped


@register.simple_tag
def bootstrap_field(field):
    """A form field in Bootstrap 5 markup, as crispy-forms' field template renders it, built in Python."""
    select = isinstance(field.field.widget, forms.Select)
    css = ("form-select" if select else "form-control") + (" is-invalid" if field.errors else "")
    required = field.field.required
    label = format_html(
        '<label for="{}" class="form-label{}">{}{}</label>',
        field.id_for_label,
        " requiredField" if required else "",
        field.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
    )
    errors = ""
    if field.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<span id="error_{}_{}"><strong>{}</strong></span>',
                ((i, field.auto_id, e) for i, e in enumerate(field.errors, 1)),
            ),
        )
    help_text = ""
    if field.help_text:
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, mark_safe(field.help_text)
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>',
        field.auto_id,
        label,
        field.as_widget(attrs={"class": css}),
        errors,
        help_text,
    )


@register.simple_tag
def form_field(field):
    """A field with its label, "(optioneel)" when not required, help text and errors, built in Python.

    A hidden field is only its input.
    """
    if field.is_hidden:
        return str(field)
    optional = ""
    if not field.field.required:
        optional = format_html(' <span class="fw-normal text-body-secondary">({})</span>', _("optioneel"))
    help_text = ""
    if field.help_text:
        help_text = format_html('<div class="form-text" id="{}_helptext">{}</div>', field.auto_id, field.help_text)
    errors = format_html_join(
        "", '<div class="invalid-feedback d-block" id="{}_error">{}</div>', ((field.auto_id, e) for e in field.errors)
    )
    return format_html(
        '<div class="mb-3">\n  <label class="form-label fw-semibold" for="{}">{}{}</label>\n  {}\n  {}\n  {}\n</div>',
        field.id_for_label,
        field.label,
        optional,
        str(field),
        help_text,
        errors,
    )
