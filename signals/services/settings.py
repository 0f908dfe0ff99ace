"""An organisation's signal settings: its categories and the response deadline per urgency."""

from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_log
from jongerenwerk.errors import DomainError
from signals import permissions
from signals.models import Signal, SignalCategory, SignalSettings
from signals.models.signal import DEFAULT_DEADLINE_MINUTES
from signals.services.signal import signal_categories_seed

Action = AuditEvent.Action
Urgency = Signal.Urgency
# Longer than this is not a response to a serious signal any more.
MAX_DEADLINE_MINUTES = 30 * 24 * 60
NAME_LENGTH = SignalCategory._meta.get_field("name").max_length


def _ensure_admin(actor, organisation_id):
    if not permissions.can_manage_signal_settings(actor) or actor.organisation_id != organisation_id:
        raise DomainError(_("Alleen de beheerder van de organisatie past de signaalinstellingen aan."))


def _audit(actor, action, target, detail, request):
    audit_log(
        actor=actor, action=action, target=target, organisation=actor.organisation_id, request=request, detail=detail
    )


def _check_deadlines(minutes):
    for urgency, value in minutes.items():
        if value < 1:
            raise DomainError(_("Vul een termijn in van minstens 1 minuut."), field=urgency)
        if value > MAX_DEADLINE_MINUTES:
            raise DomainError(_("Een termijn van meer dan 30 dagen past niet bij een heftig signaal."), field=urgency)
    if minutes[Urgency.HIGH] < minutes[Urgency.ACUTE]:
        raise DomainError(_("De termijn voor hoog kan niet korter zijn dan die voor acuut."), field=Urgency.HIGH)
    if minutes[Urgency.NORMAL] < minutes[Urgency.HIGH]:
        raise DomainError(_("De termijn voor normaal kan niet korter zijn dan die voor hoog."), field=Urgency.NORMAL)


def signal_deadlines_save(*, actor, organisation, acute, high, normal, request=None):
    """Set how quickly each urgency must be triaged (in minutes); it holds for signals reported from now on."""
    _ensure_admin(actor, organisation.pk)
    minutes = {Urgency.ACUTE: acute, Urgency.HIGH: high, Urgency.NORMAL: normal}
    _check_deadlines(minutes)
    with transaction.atomic():
        row, _created = SignalSettings.objects.select_for_update().get_or_create(
            organisation=organisation,
            defaults={f"{urgency}_minutes": value for urgency, value in DEFAULT_DEADLINE_MINUTES.items()},
        )
        for urgency, value in minutes.items():
            setattr(row, f"{urgency}_minutes", value)
        row.save(update_fields=[f"{urgency}_minutes" for urgency in minutes])
        _audit(actor, Action.CHANGE, row, f"deadlines acute={acute} high={high} normal={normal}", request)
    return row


def _duplicate(name):
    return DomainError(_("Er is al een categorie ‘%(name)s’. Kies een andere naam.") % {"name": name}, field="name")


def _clean_name(name, organisation_id, exclude_pk=None):
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Geef de categorie een naam."), field="name")
    if len(name) > NAME_LENGTH:
        raise DomainError(_("Houd de naam korter dan %(n)d tekens.") % {"n": NAME_LENGTH + 1}, field="name")
    taken = SignalCategory.objects.filter(organisation_id=organisation_id, name__iexact=name).exclude(pk=exclude_pk)
    if taken.exists():
        raise _duplicate(name)
    return name


def signal_category_add(*, actor, organisation, name, request=None):
    """Add a category; it is in use at once and comes last in the list."""
    _ensure_admin(actor, organisation.pk)
    # The defaults come first: an organisation's own category must not stand in for the ten of issue 6.
    signal_categories_seed(organisation)
    name = _clean_name(name, organisation.pk)
    try:
        with transaction.atomic():
            last = SignalCategory.objects.filter(organisation=organisation).aggregate(last=Max("order"))["last"]
            category = SignalCategory.objects.create(organisation=organisation, name=name, order=(last or 0) + 1)
            _audit(actor, Action.CREATE, category, "signal category added", request)
    except IntegrityError:
        # Someone added the same name at the same moment: theirs stands.
        raise _duplicate(name) from None
    return category


def signal_category_rename(*, actor, category, name, request=None):
    """Rename a category; signals that have it show the new name."""
    _ensure_admin(actor, category.organisation_id)
    name = _clean_name(name, category.organisation_id, exclude_pk=category.pk)
    try:
        with transaction.atomic():
            locked = SignalCategory.objects.select_for_update().get(pk=category.pk)
            locked.name = name
            locked.save(update_fields=["name"])
            _audit(actor, Action.CHANGE, locked, "signal category renamed", request)
    except IntegrityError:
        raise _duplicate(name) from None
    return locked


def _ensure_one_left(category):
    others = SignalCategory.objects.filter(organisation_id=category.organisation_id, is_active=True)
    if not others.exclude(pk=category.pk).exists():
        raise DomainError(_("Er moet minstens één categorie in gebruik blijven om signalen te kunnen melden."))


def signal_category_set_active(*, actor, category, active, request=None):
    """Take a category out of use (signals that have it keep it) or bring it back."""
    _ensure_admin(actor, category.organisation_id)
    with transaction.atomic():
        locked = SignalCategory.objects.select_for_update().get(pk=category.pk)
        if locked.is_active == active:
            return locked
        if not active:
            _ensure_one_left(locked)
        locked.is_active = active
        locked.save(update_fields=["is_active"])
        _audit(actor, Action.CHANGE, locked, "signal category " + ("in use" if active else "out of use"), request)
    return locked


def signal_category_delete(*, actor, category, request=None):
    """Delete a category no signal has (a typo, say); one in use can only be taken out of use."""
    _ensure_admin(actor, category.organisation_id)
    in_use = _("‘%(name)s’ is in gebruik bij signalen en blijft daarom bestaan. Zet hem uit gebruik.") % {
        "name": category.name
    }
    try:
        with transaction.atomic():
            locked = SignalCategory.objects.select_for_update().get(pk=category.pk)
            if Signal.objects.filter(category=locked).exists():
                raise DomainError(in_use)
            if locked.is_active:
                _ensure_one_left(locked)
            _audit(actor, Action.DELETE, locked, "signal category deleted", request)
            locked.delete()
    except (ProtectedError, IntegrityError):
        # A signal with this category was reported while we looked.
        raise DomainError(in_use) from None
