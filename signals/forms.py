"""Validation only; choice fields are scoped to the person filling them in."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Platform, Team, User
from registration.models import Contact, YoungPerson
from signals import permissions
from signals.afwegingskader import BRANCHES, QUESTIONS
from signals.models import FollowUpAction, IntervisionSession, Signal, SignalCategory, SignalPerson, SignalStep
from signals.services.signal import identifiers_in

PRIVACY_HINT = _("Beschrijf, identificeer niet: gebruik pseudoniemen of initialen, geen namen, nummers of accounts.")
NO_IMAGES = _(
    "Sla nooit een afbeelding op en stuur er geen door: een seksuele afbeelding van een minderjarige mag niemand "
    "bewaren of doorsturen. Beschrijf in woorden wat je zag: wat er te zien was (zonder details die iemand "
    "herkenbaar maken), waar het stond, wie het deelde en hoe vaak, en wanneer."
)
IDENTIFIER_WORDS = {
    "phone": _("een telefoonnummer"),
    "email": _("een e-mailadres"),
    "handle": _("een @-accountnaam"),
}
YES_NO = [("yes", _("ja")), ("no", _("nee"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _text(label, required=True, rows=3, help_text=PRIVACY_HINT):
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


def _warn_identifiers(form, texts):
    """A phone number, email address or @handle in the text: ask to pseudonymise it, or to confirm it was checked."""
    found = identifiers_in("\n".join(t for t in texts if t))
    if found and not form.cleaned_data.get("confirm_identifiers"):
        words = ", ".join(str(IDENTIFIER_WORDS[kind]) for kind in found)
        form.add_error(
            "confirm_identifiers",
            _(
                "Je tekst lijkt %(what)s te bevatten. Vervang het door een pseudoniem of omschrijving, "
                "of vink aan dat je het hebt gecontroleerd."
            )
            % {"what": words},
        )


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


class SignalReportForm(forms.Form):
    """Report a serious signal. Warns (once) about phone numbers, emails and @handles in the text."""

    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), empty_label=None)
    urgency = forms.ChoiceField(
        label=_("Urgentie"), choices=Signal.Urgency.choices, widget=forms.RadioSelect, initial=Signal.Urgency.NORMAL
    )
    category = forms.ModelChoiceField(label=_("Categorie"), queryset=SignalCategory.objects.none())
    facts = _text(_("Wat zag je? (alleen de feiten)"), rows=5, help_text=NO_IMAGES)
    interpretation = _text(_("Wat denk je dat er speelt? (je interpretatie, apart van de feiten)"), required=False)
    source = forms.CharField(
        label=_("Bron"), max_length=200, help_text=_("Bijvoorbeeld: gezien in een groepschat, verteld door een vriend.")
    )
    seen_at = forms.DateTimeField(
        label=_("Wanneer gezien"),
        widget=DateTimeInput(),
        help_text=_("Mag in het verleden liggen, niet in de toekomst."),
    )
    platform = forms.ModelChoiceField(label=_("Platform"), queryset=Platform.objects.none(), required=False)
    channel = forms.ChoiceField(label=_("Kanaal"), choices=Signal.Channel.choices)
    contacts = forms.ModelMultipleChoiceField(
        label=_("Contacten waar het uit kwam (optioneel)"),
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Je eigen contacten van de afgelopen 30 dagen."),
    )
    confirm_identifiers = forms.BooleanField(
        label=_("Ik heb de tekst gecontroleerd: er staan geen herleidbare gegevens in."), required=False
    )
    PERSON_ROWS = 3

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["team"].queryset = Team.objects.filter(pk__in=permissions.reporting_team_ids(user))
        self.fields["category"].queryset = SignalCategory.objects.visible_to(user).filter(is_active=True)
        self.fields["platform"].queryset = Platform.objects.visible_to(user).filter(is_active=True)
        self.fields["seen_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["contacts"].queryset = (
            Contact.objects.filter(worker=user, team_id__in=permissions.reporting_team_ids(user))
            .filter(date__gte=timezone.localdate() - timezone.timedelta(days=30))
            .select_related("platform")
            .order_by("-date", "-time", "-pk")
        )
        self.fields["contacts"].label_from_instance = lambda c: (
            f"{c.date:%d-%m} · {c.platform.name} · {c.get_channel_display()} · {c.duration_minutes} min"
        )
        young_people = YoungPerson.objects.visible_to(user).filter(team_id__in=permissions.reporting_team_ids(user))
        for row in range(1, self.PERSON_ROWS + 1):
            self.fields[f"person_{row}"] = forms.ModelChoiceField(
                label=_("Betrokken jongere %(n)d") % {"n": row}, queryset=young_people, required=False
            )
            self.fields[f"pseudonym_{row}"] = forms.CharField(
                label=_("of nieuw pseudoniem"), max_length=60, required=False, help_text=PRIVACY_HINT
            )
            self.fields[f"role_{row}"] = forms.ChoiceField(
                label=_("rol"), choices=SignalPerson.Role.choices, initial=SignalPerson.Role.ABOUT
            )
        # The confirmation sits last, after the text it is about.
        self.order_fields([name for name in self.fields if name != "confirm_identifiers"] + ["confirm_identifiers"])

    def clean_seen_at(self):
        seen_at = self.cleaned_data["seen_at"]
        if seen_at > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("Het moment waarop je het zag kan niet in de toekomst liggen."))
        return seen_at

    def people(self):
        rows = []
        for row in range(1, self.PERSON_ROWS + 1):
            person, pseudonym = self.cleaned_data.get(f"person_{row}"), self.cleaned_data.get(f"pseudonym_{row}", "")
            if person or pseudonym.strip():
                rows.append((person, pseudonym, self.cleaned_data[f"role_{row}"]))
        return rows

    def clean(self):
        cleaned = super().clean()
        texts = [cleaned.get(name, "") for name in ("facts", "interpretation", "source")]
        texts += [cleaned.get(f"pseudonym_{row}", "") for row in range(1, self.PERSON_ROWS + 1)]
        _warn_identifiers(self, texts)
        return cleaned


class TriageForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Categorie"), queryset=SignalCategory.objects.none())
    urgency = forms.ChoiceField(label=_("Urgentie"), choices=Signal.Urgency.choices, widget=forms.RadioSelect)
    handler = forms.ModelChoiceField(label=_("Behandelaar"), queryset=User.objects.none())
    step_due_on = forms.DateField(label=_("Eerste stap uiterlijk"), widget=DateInput(), required=False)

    def __init__(self, *args, user, signal, **kwargs):
        from accounts.selectors import team_members

        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = SignalCategory.objects.visible_to(user).filter(is_active=True)
        self.fields["handler"].queryset = team_members(signal.team)
        self.initial.setdefault("category", signal.category_id)
        self.initial.setdefault("urgency", signal.urgency)


class StepForm(forms.Form):
    happened_on = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)
    next_step_due_on = forms.DateField(label=_("Volgende stap uiterlijk"), widget=DateInput(), required=False)

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("De datum kan niet in de toekomst liggen."))
        return day


class MapStepForm(StepForm):
    facts = _text(_("Feiten"), help_text=NO_IMAGES)
    interpretation = _text(_("Interpretaties"), required=False)
    sources = _text(_("Bronnen"), required=False, rows=2)


class ConsultStepForm(StepForm):
    consulted_with = forms.ChoiceField(label=_("Met wie"), choices=SignalStep.ConsultedWith.choices)
    with_whom = forms.CharField(label=_("Toelichting (functie, geen naam nodig)"), max_length=200, required=False)
    advice = _text(_("Advies"))


class TalkStepForm(StepForm):
    with_whom = forms.CharField(
        label=_("Met wie (de jongere, ouders)"), max_length=200, required=False, help_text=PRIVACY_HINT
    )
    outcome = _text(_("Uitkomst"), required=False)
    skipped = forms.BooleanField(label=_("Het gesprek kan niet: overslaan"), required=False)
    skip_reason = _text(_("Reden om over te slaan (veiligheid)"), required=False, rows=2)


class WeighForm(StepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["next_step_due_on"]
        for number, question in QUESTIONS.items():
            leads = _("Ja: %(yes)s Nee: %(no)s") % {
                "yes": BRANCHES[(number, True)][2],
                "no": BRANCHES[(number, False)][2],
            }
            self.fields[f"q{number}"] = forms.ChoiceField(
                label=f"{number}. {question}", choices=YES_NO, widget=forms.RadioSelect, required=False, help_text=leads
            )
            self.fields[f"q{number}_explanation"] = forms.CharField(
                label=_("Toelichting bij vraag %(n)d") % {"n": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self):
        return {n: _yes_no(self.cleaned_data.get(f"q{n}")) for n in QUESTIONS}

    def explanations(self):
        return {n: self.cleaned_data.get(f"q{n}_explanation", "") for n in QUESTIONS}


class DecideForm(StepForm):
    reported_to_veilig_thuis = forms.BooleanField(label=_("Gemeld bij Veilig Thuis"), required=False)
    reported_on = forms.DateField(label=_("Datum melding"), widget=DateInput(), required=False)
    reference = forms.CharField(label=_("Kenmerk van Veilig Thuis"), max_length=80, required=False)
    involved_informed = forms.ChoiceField(
        label=_("Betrokkenen vooraf geïnformeerd?"), choices=[("", "—"), *YES_NO], required=False
    )
    not_informed_reason = _text(_("Zo niet: waarom niet?"), required=False, rows=2)
    help_arranged = forms.BooleanField(label=_("Hulp georganiseerd"), required=False)
    help_what = _text(_("Welke hulp"), required=False, rows=2)
    help_by = forms.CharField(label=_("Door wie (organisatie of functie)"), max_length=200, required=False)
    close_with_monitoring = forms.BooleanField(label=_("Afsluiten met monitoringsafspraken"), required=False)
    monitoring_agreements = _text(_("Monitoringsafspraken"), required=False, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["next_step_due_on"]

    def decision(self):
        data = {k: v for k, v in self.cleaned_data.items() if k != "happened_on"}
        data["involved_informed"] = _yes_no(data.get("involved_informed"))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}), help_text=PRIVACY_HINT)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom heropen je dit signaal?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PRIVACY_HINT,
        error_messages={
            "required": _("Schrijf op waarom je het signaal heropent, bijvoorbeeld: nieuwe berichten gezien.")
        },
    )


class HandlerChangeForm(forms.Form):
    """Another handler for a triaged signal; `seen` is the handler the person saw (two people at once)."""

    handler = forms.ModelChoiceField(label=_("Nieuwe behandelaar"), queryset=User.objects.none())
    reason = forms.CharField(
        label=_("Waarom (optioneel)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=format_lazy("{} {}", _("Bijvoorbeeld: afwezig, of meer ervaring nodig."), PRIVACY_HINT),
    )
    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, signal, seen, **kwargs):
        from accounts.selectors import team_members

        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = team_members(signal.team).exclude(pk=signal.handler_id)
        self.initial.setdefault("seen", seen)


class CorrectionForm(forms.Form):
    """Correct category, urgency or facts; `seen` is what the person saw (two people at once)."""

    category = forms.ModelChoiceField(label=_("Categorie"), queryset=SignalCategory.objects.none())
    urgency = forms.ChoiceField(label=_("Urgentie"), choices=Signal.Urgency.choices, widget=forms.RadioSelect)
    facts = _text(_("Wat er is gezien (alleen de feiten)"), rows=5, help_text=NO_IMAGES)
    reason = forms.CharField(
        label=_("Waarom corrigeer je de melding?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=format_lazy("{} {}", _("De eerdere tekst blijft zichtbaar op de tijdlijn."), PRIVACY_HINT),
        error_messages={"required": _("Schrijf op waarom je de melding corrigeert.")},
    )
    confirm_identifiers = forms.BooleanField(
        label=_("Ik heb de tekst gecontroleerd: er staan geen herleidbare gegevens in."), required=False
    )
    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, user, signal, seen, **kwargs):
        super().__init__(*args, **kwargs)
        # The signal's own category stays a choice after it was taken out of use.
        self.fields["category"].queryset = SignalCategory.objects.visible_to(user).filter(
            Q(is_active=True) | Q(pk=signal.category_id)
        )
        for name in ("category", "urgency", "facts"):
            self.initial.setdefault(name, getattr(signal, "category_id" if name == "category" else name))
        self.initial.setdefault("seen", seen)

    def clean(self):
        cleaned = super().clean()
        _warn_identifiers(self, [cleaned.get("facts", ""), cleaned.get("reason", "")])
        return cleaned


DEADLINE_UNITS = [("minutes", _("minuten")), ("hours", _("uur")), ("days", _("dagen"))]
UNIT_MINUTES = {"minutes": 1, "hours": 60, "days": 24 * 60}


def deadline_parts(minutes):
    """The largest unit that expresses a deadline exactly: 60 -> (1, hours), 4320 -> (3, days)."""
    for unit in ("days", "hours"):
        if minutes % UNIT_MINUTES[unit] == 0:
            return minutes // UNIT_MINUTES[unit], unit
    return minutes, "minutes"


class DeadlinesForm(forms.Form):
    """The response deadline per urgency as a number and a unit (minutes, hours, days)."""

    def __init__(self, *args, settings_row, **kwargs):
        super().__init__(*args, **kwargs)
        for urgency, label in Signal.Urgency.choices:
            amount, unit = deadline_parts(settings_row.minutes_for(urgency))
            self.fields[urgency] = forms.IntegerField(
                label=str(label).capitalize(),
                min_value=1,
                max_value=100_000,
                initial=amount,
                error_messages={
                    "required": _("Vul een termijn in, bijvoorbeeld 8."),
                    "invalid": _("Vul een heel getal in, bijvoorbeeld 8."),
                    "min_value": _("Vul een termijn in van minstens 1."),
                    "max_value": _("Een termijn van meer dan 30 dagen past niet bij een heftig signaal."),
                },
            )
            self.fields[f"{urgency}_unit"] = forms.ChoiceField(
                label=_("Eenheid %(urgency)s") % {"urgency": label}, choices=DEADLINE_UNITS, initial=unit
            )

    def minutes(self):
        return {
            urgency: self.cleaned_data[urgency] * UNIT_MINUTES[self.cleaned_data[f"{urgency}_unit"]]
            for urgency in Signal.Urgency.values
        }


class CategoryForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de categorie"),
        max_length=SignalCategory._meta.get_field("name").max_length,
        error_messages={"required": _("Geef de categorie een naam, bijvoorbeeld: Gokken.")},
    )


class SessionForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("Soort"), choices=IntervisionSession.Kind.choices)
    starts_at = forms.DateTimeField(label=_("Datum en tijd"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"),
        min_value=10,
        max_value=480,
        initial=90,
        error_messages={"invalid": _("Vul de duur in minuten in, bijvoorbeeld 90.")},
    )
    place = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    facilitator = forms.ModelChoiceField(label=_("Gespreksleider"), queryset=User.objects.none())
    participants = forms.ModelMultipleChoiceField(
        label=_("Deelnemers"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    signals = forms.ModelMultipleChoiceField(
        label=_("Signalen op de agenda"),
        queryset=Signal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.CharField(
        label=_("Andere onderwerpen (één per regel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PRIVACY_HINT,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        teams = permissions.reporting_team_ids(user)
        self.fields["team"].queryset = Team.objects.filter(pk__in=teams)
        people = User.objects.filter(memberships__team_id__in=teams, is_active=True).distinct().order_by("full_name")
        self.fields["facilitator"].queryset = people
        self.fields["participants"].queryset = people
        self.fields["signals"].queryset = (
            Signal.objects.visible_to(user).open().filter(team_id__in=teams).select_related("category")
        )
        self.fields["signals"].label_from_instance = lambda s: f"#{s.pk} {s.category} ({s.get_urgency_display()})"

    def topic_lines(self):
        return [line for line in self.cleaned_data.get("topics", "").splitlines() if line.strip()]


class AgendaAddForm(forms.Form):
    signal = forms.ModelChoiceField(label=_("Signaal"), queryset=Signal.objects.none(), required=False)
    topic = forms.CharField(label=_("of een ander onderwerp"), max_length=200, required=False, help_text=PRIVACY_HINT)

    def __init__(self, *args, user, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signal"].queryset = Signal.objects.visible_to(user).open().filter(team=session.team_id)
        self.fields["signal"].label_from_instance = lambda s: f"#{s.pk} {s.category}"


class AgendaItemForm(forms.Form):
    notes = _text(_("Aantekeningen"), required=False)
    considerations = _text(_("Overwegingen"), required=False)
    course_of_action = _text(_("Handelingsperspectief (wat spreken we af?)"), required=False)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Vervolgactie"), max_length=300, help_text=PRIVACY_HINT)
    owner = forms.ModelChoiceField(label=_("Wie"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Uiterlijk"), widget=DateInput())

    def __init__(self, *args, session, **kwargs):
        from accounts.selectors import team_members

        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = team_members(session.team)


class ActionFinishForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Afronden"),
        widget=forms.RadioSelect,
        choices=[(FollowUpAction.Status.DONE, _("gedaan")), (FollowUpAction.Status.CANCELLED, _("geannuleerd"))],
    )
    note = forms.CharField(
        label=_("Wat is er gedaan, of waarom gaat het niet door?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=PRIVACY_HINT,
    )
