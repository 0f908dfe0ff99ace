"""Young-person records: keeping them, merging two, and the access and erasure rights."""

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Action, audit_log
from jongerenwerk.errors import DomainError
from registration.models import YoungPerson, YoungPersonHandle
from registration.permissions import can_manage_young_people, can_merge_or_erase_young_person

# Other apps may add a check here: `check(young_person) -> reason or None`; a reason refuses erasure.
ERASURE_CHECKS = []

OPEN_SIGNAL_EXCLUDED_STATUSES = ("closed", "archived", "withdrawn", "rejected")


def _validate_birth_year(birth_year):
    this_year = timezone.localdate().year
    if birth_year is not None and not (this_year - 30 <= birth_year <= this_year - 6):
        raise DomainError(
            _("Vul een geboortejaar in tussen %(low)s en %(high)s, bijvoorbeeld %(example)s.")
            % {"low": this_year - 30, "high": this_year - 6, "example": this_year - 15},
            field="birth_year",
        )


def _set_handles(young_person, handles):
    young_person.handles.all().delete()
    for platform, handle in handles:
        YoungPersonHandle.objects.get_or_create(young_person=young_person, platform=platform, handle=handle.strip())


def _ensure_unique_pseudonym(team, pseudonym, exclude_pk=None):
    rows = YoungPerson.objects.filter(team=team, pseudonym__iexact=pseudonym)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    if rows.exists():
        raise DomainError(
            _("Dit pseudoniem bestaat al in dit team. Kies een ander of voeg ze samen."), field="pseudonym"
        )


@transaction.atomic
def young_person_create(
    *, actor, team, pseudonym, initials="", birth_year=None, target_group=None, handles=(), request=None
):
    """Start a pseudonymous record in one of the actor's teams (audited)."""
    if not can_manage_young_people(actor, team.pk):
        raise DomainError(_("Je kunt alleen jongeren vastleggen in een team waarin je werkt."), field="team")
    _validate_birth_year(birth_year)
    _ensure_unique_pseudonym(team, pseudonym)
    young_person = YoungPerson.objects.create(
        team=team,
        pseudonym=pseudonym.strip(),
        initials=initials.strip(),
        birth_year=birth_year,
        target_group=target_group,
        created_by=actor,
    )
    _set_handles(young_person, handles)
    audit_log(actor=actor, action=Action.CREATE, target=young_person, request=request, young_person_id=young_person.pk)
    return young_person


@transaction.atomic
def young_person_update(*, actor, young_person, data, handles=None, request=None):
    """Change a record's pseudonym, initials, birth year or target group (audited)."""
    _validate_birth_year(data.get("birth_year"))
    _ensure_unique_pseudonym(young_person.team, data["pseudonym"], exclude_pk=young_person.pk)
    for field in ("pseudonym", "initials", "birth_year", "target_group"):
        setattr(young_person, field, data.get(field))
    young_person.save()
    if handles is not None:
        _set_handles(young_person, handles)
    audit_log(actor=actor, action=Action.CHANGE, target=young_person, request=request, young_person_id=young_person.pk)
    return young_person


def _links(young_person_model):
    """Every relation that points at a young person, in any app: (model, field name, is_m2m_through)."""
    for relation in young_person_model._meta.get_fields(include_hidden=True):
        if (relation.one_to_many or relation.one_to_one) and relation.auto_created and not relation.concrete:
            yield relation.related_model, relation.field.name


@transaction.atomic
def young_person_merge(*, actor, source, target, request=None):
    """Fold `source` into `target`: every link (contacts, handles, signals) moves over, then source goes."""
    if source.pk == target.pk or source.team_id != target.team_id:
        raise DomainError(_("Je kunt alleen twee verschillende jongeren uit hetzelfde team samenvoegen."))
    if not can_merge_or_erase_young_person(actor, target):
        raise DomainError(_("Samenvoegen mag de teamleider of de aandachtsfunctionaris van het team."))
    source = YoungPerson.objects.select_for_update().get(pk=source.pk)
    target = YoungPerson.objects.select_for_update().get(pk=target.pk)
    for model, field_name in _links(YoungPerson):
        rows = model._base_manager.filter(**{field_name: source})
        unique_sets = [c.fields for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
        unique_sets += [tuple(u) for u in model._meta.unique_together]
        for fields in unique_sets:
            if field_name in fields or f"{field_name}_id" in fields:
                # A link both records already have would clash: the target's row stands.
                others = [f for f in fields if f not in (field_name, f"{field_name}_id")]
                existing = model._base_manager.filter(**{field_name: target}).values_list(*others)
                for values in existing:
                    rows.filter(**dict(zip(others, values, strict=True))).delete()
        rows.update(**{field_name: target})
    for field in ("initials", "birth_year", "target_group"):
        if not getattr(target, field) and getattr(source, field):
            setattr(target, field, getattr(source, field))
    target.save()
    detail = f"merged record {source.pk} into {target.pk}"
    audit_log(
        actor=actor, action=Action.CHANGE, target=target, request=request, young_person_id=target.pk, detail=detail
    )
    audit_log(
        actor=actor, action=Action.DELETE, target=source, request=request, young_person_id=source.pk, detail=detail
    )
    source.delete()
    return target


def _plain(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _row(obj):
    return {f.name: _plain(getattr(obj, f.name)) for f in obj._meta.concrete_fields}


def young_person_export_data(*, actor, young_person, request=None):
    """Everything linked to one young person as plain data, for an access request (audited)."""
    data = {"young_person": _row(young_person), "linked": {}}
    for model, field_name in _links(YoungPerson):
        rows = [_row(obj) for obj in model._base_manager.filter(**{field_name: young_person}).order_by("pk")]
        if rows:
            data["linked"][model._meta.label_lower] = rows
    for contact in young_person.contacts.select_related("platform", "target_group").prefetch_related("themes"):
        row = _row(contact)
        row["themes"] = [theme.name for theme in contact.themes.all()]
        row["platform_name"] = contact.platform.name
        data["linked"].setdefault("registration.contact", []).append(row)
    audit_log(actor=actor, action=Action.EXPORT, target=young_person, request=request, young_person_id=young_person.pk)
    return data


def signal_links():
    """The Signal model and its fields that point at a young person, or (None, []) before the signals app has one."""
    if not apps.is_installed("signals"):
        return None, []
    try:
        signal_model = apps.get_model("signals", "Signal")
    except LookupError:
        return None, []
    lookups = [
        field.name
        for field in signal_model._meta.get_fields()
        if getattr(field, "related_model", None) is YoungPerson and (field.many_to_many or field.many_to_one)
    ]
    return signal_model, lookups


def young_person_signals(young_person):
    """The signals about one young person (empty while the signals app has no Signal model)."""
    signal_model, lookups = signal_links()
    if signal_model is None or not lookups:
        return None
    query = models.Q()
    for name in lookups:
        query |= models.Q(**{name: young_person})
    return signal_model._base_manager.filter(query).distinct()


def _open_signal_reason(young_person):
    """The signals app may not be built yet: query it only when its Signal model exists."""
    signals = young_person_signals(young_person)
    if signals is None:
        return None
    if hasattr(signals, "open"):
        signals = signals.open()
    elif any(f.name == "status" for f in signals.model._meta.concrete_fields):
        signals = signals.exclude(status__in=OPEN_SIGNAL_EXCLUDED_STATUSES)
    if signals.exists():
        return _("Er loopt nog een signaal over deze jongere. Sluit eerst het signaal af; daarna kun je wissen.")
    return None


def young_person_erasure_refusal(young_person):
    """The reason erasure is refused now, or None when it may go ahead."""
    for check in [_open_signal_reason, *ERASURE_CHECKS]:
        reason = check(young_person)
        if reason:
            return reason
    return None


@transaction.atomic
def young_person_erase(*, young_person, actor, request=None):
    """Erase one young person's record and their links (refused, with the reason, while a signal is open)."""
    if not can_merge_or_erase_young_person(actor, young_person):
        raise DomainError(_("Wissen mag de teamleider of de aandachtsfunctionaris van het team."))
    young_person = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    reason = young_person_erasure_refusal(young_person)
    if reason:
        raise DomainError(reason)
    audit_log(
        actor=actor,
        action=Action.DELETE,
        target=young_person,
        request=request,
        young_person_id=young_person.pk,
        detail="erased on request",
    )
    young_person.contacts.clear()
    young_person.delete()
