"""Logging contacts and time entries, and the month lock that guards them."""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Action, audit_log
from jongerenwerk.errors import DomainError
from notifications.kinds import Kind
from notifications.services import notification_resolve
from registration.models import (
    DAY_WARNING_MINUTES,
    DEFAULT_THEMES,
    Contact,
    MonthApproval,
    Theme,
    TimeEntry,
)
from registration.permissions import can_register

CONTACT_FIELDS = (
    "date",
    "time",
    "platform",
    "platform_account",
    "channel",
    "kind",
    "young_people_count",
    "target_group",
    "actions",
    "duration_minutes",
    "impression",
    "follow_up",
    "follow_up_due",
)
TIME_ENTRY_FIELDS = ("date", "duration_minutes", "activity", "note")


def theme_seed_defaults(*, organisation_id):
    """Give an organisation the default list of themes the first time it needs one."""
    if Theme.objects.filter(organisation_id=organisation_id).exists():
        return
    for order, (slug, name) in enumerate(DEFAULT_THEMES):
        Theme.objects.get_or_create(
            organisation_id=organisation_id, slug=slug, defaults={"name": str(name), "order": order}
        )


def period_ensure_open(*, team_id, date):
    """Refuse (with the reason) a change to an entry in a month its team lead has approved."""
    month = date.replace(day=1)
    if MonthApproval.objects.filter(team_id=team_id, month=month, status=MonthApproval.Status.APPROVED).exists():
        raise DomainError(
            _(
                "%(month)s is goedgekeurd door de teamleider en staat vast. Vraag een manager om de maand te "
                "heropenen als er iets moet veranderen."
            )
            % {"month": date.strftime("%m-%Y")}
        )


_DAY_MINUTES_SQL = (
    "SELECT coalesce(sum(duration_minutes), 0) FROM ("
    f"SELECT duration_minutes FROM {Contact._meta.db_table} WHERE worker_id = %s AND date = %s UNION ALL "
    f"SELECT duration_minutes FROM {TimeEntry._meta.db_table} WHERE worker_id = %s AND date = %s) AS day"
)


def day_total_warning(*, worker, date):
    """A warning when a worker's day adds up to more than 16 hours (saved anyway: it may be true)."""
    # One fixed statement over the worker's own rows (nothing to scope): building the ORM's union of two
    # querysets took more time than the database does.
    with connection.cursor() as cursor:
        cursor.execute(_DAY_MINUTES_SQL, [worker.pk, date, worker.pk, date])
        (total,) = cursor.fetchone()
    if total > DAY_WARNING_MINUTES:
        return _("Op %(date)s staat nu %(hours)s uur geregistreerd: meer dan 16 uur op een dag. Klopt dat?") % {
            "date": date.strftime("%d-%m-%Y"),
            "hours": round(total / 60, 1),
        }
    return None


def _audit_contact(*, actor, contact, action, request, young_people=None, detail=""):
    ids = [yp.pk for yp in (young_people if young_people is not None else contact.young_people.all())]
    for young_person_id in ids or [None]:
        audit_log(
            actor=actor, action=action, target=contact, request=request, young_person_id=young_person_id, detail=detail
        )


def _ensure_can_register(actor, team):
    if not can_register(actor, team.pk):
        raise DomainError(_("Je kunt alleen registreren voor een team waarin je werkt."), field="team")


def _is_saved(obj, field):
    """True when a foreign key is set to an object loaded from the database (so it exists)."""
    related = getattr(obj, field, None)
    return related is not None and not related._state.adding


@transaction.atomic
def contact_create(*, actor, team, data, request=None):
    """Log a contact for the actor in one of their teams; returns it (audited)."""
    _ensure_can_register(actor, team)
    period_ensure_open(team_id=team.pk, date=data["date"])
    contact = Contact(team=team, worker=actor, **{f: data.get(f) for f in CONTACT_FIELDS if f in data})
    contact.actions = list(data.get("actions") or [])
    # The team and worker are the caller's checked ones; chosen objects were picked from the person's own
    # choices by the form. Not read again here (one query each); the database keeps the foreign keys and the
    # duration range (also a field validator) anyway.
    checked = [f for f in ("team", "worker", "platform", "platform_account", "target_group") if _is_saved(contact, f)]
    contact.full_clean(exclude=["young_people", "themes", *checked], validate_constraints=False)
    contact.save()
    # A new contact has no themes or young people yet: set() only what there is (an empty set() still reads).
    if themes := list(data.get("themes") or []):
        contact.themes.set(themes)
    young_people = list(data.get("young_people") or [])
    if young_people:
        contact.young_people.set(young_people)
    _audit_contact(actor=actor, contact=contact, action=Action.CREATE, request=request, young_people=young_people)
    return contact


@transaction.atomic
def contact_update(*, actor, contact, data, request=None):
    """Change a contact unless its month (old or new) is locked (audited)."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    period_ensure_open(team_id=contact.team_id, date=contact.date)
    if "date" in data:
        period_ensure_open(team_id=contact.team_id, date=data["date"])
    for field in CONTACT_FIELDS:
        if field in data:
            setattr(contact, field, data[field])
    contact.actions = list(contact.actions or [])
    contact.full_clean(exclude=["young_people", "themes"])
    contact.save()
    if "themes" in data:
        contact.themes.set(data["themes"] or [])
    if "young_people" in data:
        contact.young_people.set(data["young_people"] or [])
    _audit_contact(actor=actor, contact=contact, action=Action.CHANGE, request=request)
    return contact


@transaction.atomic
def contact_delete(*, actor, contact, request=None):
    """Delete a contact unless its month is locked (audited)."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    period_ensure_open(team_id=contact.team_id, date=contact.date)
    _audit_contact(actor=actor, contact=contact, action=Action.DELETE, request=request)
    contact.delete()


@transaction.atomic
def contact_follow_up_done(*, actor, contact, request=None):
    """Mark a contact's follow-up action as done and resolve its reminder."""
    updated = Contact.objects.filter(pk=contact.pk, follow_up_done_at__isnull=True).update(
        follow_up_done_at=timezone.now()
    )
    if updated:
        notification_resolve(target=contact, kind=Kind.CONTACT_FOLLOW_UP_DUE)
        _audit_contact(actor=actor, contact=contact, action=Action.CHANGE, request=request, detail="follow-up done")
    return bool(updated)


@transaction.atomic
def time_entry_create(*, actor, team, data, request=None):
    """Log time that is not a contact; returns it."""
    _ensure_can_register(actor, team)
    period_ensure_open(team_id=team.pk, date=data["date"])
    entry = TimeEntry(team=team, worker=actor, **{f: data.get(f, "") for f in TIME_ENTRY_FIELDS})
    entry.full_clean()
    entry.save()
    audit_log(actor=actor, action=Action.CREATE, target=entry, request=request)
    return entry


@transaction.atomic
def time_entry_update(*, actor, entry, data, request=None):
    """Change a time entry unless its month (old or new) is locked."""
    entry = TimeEntry.objects.select_for_update().get(pk=entry.pk)
    period_ensure_open(team_id=entry.team_id, date=entry.date)
    period_ensure_open(team_id=entry.team_id, date=data.get("date", entry.date))
    for field in TIME_ENTRY_FIELDS:
        if field in data:
            setattr(entry, field, data[field])
    entry.full_clean()
    entry.save()
    audit_log(actor=actor, action=Action.CHANGE, target=entry, request=request)
    return entry


@transaction.atomic
def time_entry_delete(*, actor, entry, request=None):
    """Delete a time entry unless its month is locked."""
    entry = TimeEntry.objects.select_for_update().get(pk=entry.pk)
    period_ensure_open(team_id=entry.team_id, date=entry.date)
    audit_log(actor=actor, action=Action.DELETE, target=entry, request=request)
    entry.delete()


@transaction.atomic
def theme_add(*, actor, name, request=None):
    """Add a theme to the actor's organisation (manager or administrator)."""
    from django.utils.text import slugify

    from registration.permissions import can_manage_themes

    if not can_manage_themes(actor):
        raise DomainError(_("Thema's beheert een manager of de beheerder."))
    name = name.strip()
    slug = slugify(name)[:60]
    if not slug:
        raise DomainError(_("Geef het thema een naam, bijvoorbeeld Sport."), field="name")
    if Theme.objects.filter(organisation_id=actor.organisation_id, slug=slug).exists():
        raise DomainError(_("Dit thema bestaat al."), field="name")
    order = Theme.objects.filter(organisation_id=actor.organisation_id).count()
    theme = Theme.objects.create(organisation_id=actor.organisation_id, slug=slug, name=name, order=order)
    audit_log(actor=actor, action=Action.CREATE, target=theme, request=request)
    return theme


@transaction.atomic
def theme_set_active(*, actor, theme, is_active, request=None):
    """Take a theme out of use (old contacts keep it) or back into use."""
    from registration.permissions import can_manage_themes

    if not can_manage_themes(actor):
        raise DomainError(_("Thema's beheert een manager of de beheerder."))
    Theme.objects.filter(pk=theme.pk).update(is_active=is_active)
    audit_log(actor=actor, action=Action.CHANGE, target=theme, request=request, detail=f"active={is_active}")
