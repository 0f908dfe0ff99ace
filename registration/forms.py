"""Forms of contact registration and time: validation only; every choice is scoped to the person."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Platform
from jongerenwerk.widgets import IdMultipleChoiceField, ListedChoiceField, QuickDateInput, QuickSelect
from registration import selectors
from registration.models import (
    CONTACT_ACTIVITY,
    CONTACT_ACTIVITY_LABEL,
    MAX_ENTRY_MINUTES,
    Activity,
    AgreementGoal,
    Channel,
    Contact,
    FunderAgreement,
    WorkerAction,
)
from registration.privacy import DESCRIBE_HINT

DURATION_ERRORS = {
    "required": _("Vul de duur in minuten in, bijvoorbeeld 15."),
    "invalid": _("Vul de duur in minuten in, bijvoorbeeld 15."),
    "min_value": _("De duur moet minstens 1 minuut zijn."),
    "max_value": _(
        "Een registratie duurt hoogstens 12 uur (720 minuten). Verdeel langere tijd over meer registraties."
    ),
}
LARGE = {"class": "form-control form-control-lg"}
LARGE_SELECT = {"class": "form-select form-select-lg"}


def duration_field():
    return forms.IntegerField(
        label=_("Duur in minuten"),
        min_value=1,
        max_value=MAX_ENTRY_MINUTES,
        error_messages=DURATION_ERRORS,
        widget=forms.NumberInput(attrs={**LARGE, "inputmode": "numeric", "min": 1, "max": MAX_ENTRY_MINUTES}),
    )


class TeamChoiceMixin:
    """A team field limited to the teams the person registers in (hidden when there is only one)."""

    def _setup_team(self, user):
        self.fields["team"].set_objects(selectors.registering_teams(user))
        team_list = self.fields["team"].objects
        self._only_team = team_list[0] if len(team_list) == 1 else None
        if self._only_team is not None:
            self.fields["team"].initial = self._only_team.pk
            self.fields["team"].widget = forms.HiddenInput()
            self.fields["team"].required = False
        return [t.pk for t in team_list]

    def clean_team(self):
        team = self.cleaned_data.get("team") or self._only_team
        if team is None:
            raise forms.ValidationError(_("Kies het team waarvoor je registreert."))
        return team


def _no_future(day):
    if day and day > timezone.localdate():
        raise forms.ValidationError(_("Deze datum ligt in de toekomst. Registreer wat al gebeurd is."))
    return day


class QuickContactForm(TeamChoiceMixin, forms.Form):
    """The phone-first form: platform, duration, number of young people and target group."""

    team = ListedChoiceField(label=_("Team"), queryset=None, widget=QuickSelect(attrs=LARGE_SELECT))
    platform = ListedChoiceField(
        label=_("Platform"),
        queryset=Platform.objects.none(),
        empty_label=_("Kies een platform"),
        error_messages={"required": _("Kies het platform waarop het contact was.")},
        widget=QuickSelect(attrs=LARGE_SELECT),
    )
    duration_minutes = duration_field()
    young_people_count = forms.IntegerField(
        label=_("Aantal jongeren"),
        min_value=1,
        max_value=500,
        initial=1,
        error_messages={"required": _("Vul in met hoeveel jongeren je contact had, bijvoorbeeld 1.")},
        widget=forms.NumberInput(attrs={**LARGE, "inputmode": "numeric", "min": 1}),
    )
    target_group = ListedChoiceField(
        label=_("Doelgroep"),
        queryset=None,
        empty_label=_("Kies een doelgroep"),
        error_messages={"required": _("Kies de doelgroep van deze jongere(n).")},
        widget=QuickSelect(attrs=LARGE_SELECT),
    )
    channel = forms.ChoiceField(
        label=_("Kanaal"), choices=Channel.choices, required=False, widget=QuickSelect(attrs=LARGE_SELECT)
    )
    date = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=forms.DateInput(attrs={**LARGE, "type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        team_ids = self._setup_team(user)
        self.fields["platform"].set_objects(selectors.platform_choices(user))
        self.fields["target_group"].set_objects(selectors.target_group_choices(user, team_ids))
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        return _no_future(self.cleaned_data.get("date")) or timezone.localdate()

    def clean(self):
        data = super().clean()
        team, group = data.get("team"), data.get("target_group")
        if team and group and group.team_id != team.pk:
            self.add_error("target_group", _("Deze doelgroep hoort bij een ander team."))
        data["channel"] = data.get("channel") or Channel.DM
        if data.get("young_people_count", 1) > 1:
            data["kind"] = Contact.Kind.GROUP
        return data


class ContactForm(QuickContactForm):
    """The full form: everything a contact can hold."""

    time = forms.TimeField(
        label=_("Tijd"), required=False, widget=forms.TimeInput(attrs={"class": "form-control", "type": "time"})
    )
    platform_account = forms.ModelChoiceField(
        label=_("Gebruikt account"), queryset=None, required=False, widget=QuickSelect(attrs={"class": "form-select"})
    )
    kind = forms.ChoiceField(label=_("Individueel of groep"), choices=Contact.Kind.choices, widget=forms.RadioSelect)
    young_people = forms.ModelMultipleChoiceField(
        label=_("Jongeren (pseudoniem)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optioneel: koppel het contact aan de pseudoniemen van de jongeren."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    actions = forms.MultipleChoiceField(
        label=_("Wat heb je gedaan?"), choices=WorkerAction.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    impression = forms.CharField(
        label=_("Sfeerbeeld"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control", "data-privacy-check": "1"}),
        help_text=DESCRIBE_HINT,
    )
    follow_up = forms.CharField(
        label=_("Vervolgactie"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control", "data-privacy-check": "1"}),
        help_text=_("Optioneel: wat ga je nog doen? Je krijgt een herinnering op de datum."),
    )
    follow_up_due = forms.DateField(
        label=_("Vervolgactie uiterlijk"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        team_ids = [t.pk for t in self.fields["team"].objects]
        self.fields["platform_account"].queryset = selectors.platform_account_choices(user, team_ids)
        self.fields["young_people"].queryset = selectors.young_person_list(user).filter(team_id__in=team_ids)
        self.fields["themes"].queryset = selectors.theme_choices(user)

    def clean(self):
        data = super().clean()
        if data.get("follow_up") and not data.get("follow_up_due"):
            self.add_error("follow_up_due", _("Kies een datum waarop de vervolgactie klaar moet zijn."))
        if data.get("follow_up_due") and not data.get("follow_up"):
            self.add_error("follow_up", _("Beschrijf de vervolgactie, of maak de datum leeg."))
        team = data.get("team")
        for young_person in data.get("young_people") or []:
            if team and young_person.team_id != team.pk:
                self.add_error("young_people", _("Koppel alleen jongeren van hetzelfde team."))
                break
        return data


def contact_initial(contact):
    """The full form's starting values for an existing contact."""
    initial = {
        f: getattr(contact, f)
        for f in (
            "date",
            "time",
            "channel",
            "kind",
            "young_people_count",
            "duration_minutes",
            "impression",
            "follow_up",
            "follow_up_due",
            "actions",
        )
    }
    initial.update(
        team=contact.team_id,
        platform=contact.platform_id,
        platform_account=contact.platform_account_id,
        target_group=contact.target_group_id,
        young_people=[yp.pk for yp in contact.young_people.all()],
        themes=[theme.pk for theme in contact.themes.all()],
    )
    return initial


class TimeEntryForm(TeamChoiceMixin, forms.Form):
    team = ListedChoiceField(label=_("Team"), queryset=None, widget=QuickSelect(attrs=LARGE_SELECT))
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={**LARGE, "type": "date"}, format="%Y-%m-%d"))
    duration_minutes = duration_field()
    activity = forms.ChoiceField(
        label=_("Activiteit"),
        choices=[("", _("Kies een activiteit")), *Activity.choices],
        error_messages={"required": _("Kies wat je gedaan hebt, bijvoorbeeld monitoren en scrollen.")},
        widget=QuickSelect(attrs=LARGE_SELECT),
    )
    note = forms.CharField(
        label=_("Notitie"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={**LARGE, "data-privacy-check": "1"}),
        help_text=DESCRIBE_HINT,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_team(user)
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        return _no_future(self.cleaned_data.get("date"))


class YoungPersonForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    pseudonym = forms.CharField(
        label=_("Pseudoniem of bijnaam"),
        max_length=60,
        help_text=_("Nooit een volledige naam: een bijnaam of verzonnen naam die het team herkent."),
    )
    initials = forms.CharField(label=_("Initialen"), max_length=8, required=False)
    birth_year = forms.IntegerField(
        label=_("Geboortejaar"),
        required=False,
        help_text=_("Alleen het jaar, nooit de geboortedatum."),
        error_messages={"invalid": _("Vul een jaartal in, bijvoorbeeld 2010.")},
    )
    target_group = forms.ModelChoiceField(label=_("Doelgroep"), queryset=None, required=False)
    handle_platform_1 = forms.ModelChoiceField(label=_("Platform"), queryset=None, required=False)
    handle_1 = forms.CharField(label=_("Accountnaam"), max_length=120, required=False)
    handle_platform_2 = forms.ModelChoiceField(label=_("Platform"), queryset=None, required=False)
    handle_2 = forms.CharField(label=_("Accountnaam"), max_length=120, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = selectors.registering_teams(user)
        self.fields["target_group"].queryset = selectors.target_group_choices(user)
        for name in ("handle_platform_1", "handle_platform_2"):
            self.fields[name].queryset = selectors.platform_choices(user)

    def handles(self):
        pairs = []
        for index in (1, 2):
            platform = self.cleaned_data.get(f"handle_platform_{index}")
            handle = (self.cleaned_data.get(f"handle_{index}") or "").strip()
            if platform and handle:
                pairs.append((platform, handle))
        return pairs


class MergeForm(forms.Form):
    other = forms.ModelChoiceField(
        label=_("Samenvoegen met"),
        queryset=None,
        help_text=_("Alle contacten, accounts en signalen van deze jongere gaan over naar de gekozen jongere."),
    )

    def __init__(self, *args, user, young_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = (
            selectors.young_person_list(user).filter(team_id=young_person.team_id).exclude(pk=young_person.pk)
        )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom moet de maand weer open?"),
        max_length=300,
        error_messages={"required": _("Schrijf op waarom de maand weer open moet.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AgreementForm(forms.Form):
    name = forms.CharField(label=_("Naam van de opdracht"), max_length=160)
    funder = forms.CharField(label=_("Opdrachtgever"), max_length=160, help_text=_("Bijvoorbeeld: Gemeente Utrecht"))
    starts_on = forms.DateField(
        label=_("Begindatum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(label=_("Einddatum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    teams = forms.ModelMultipleChoiceField(label=_("Teams"), queryset=None, widget=forms.CheckboxSelectMultiple)
    hour_budget = forms.IntegerField(label=_("Urenbudget (uren)"), min_value=1)
    monthly_report = forms.BooleanField(
        label=_("Maandrapport mailen"),
        required=False,
        help_text=_("Op de eerste werkdag van de maand krijgt de ontvanger het rapport van de vorige maand."),
    )
    report_recipient = forms.ModelChoiceField(label=_("Ontvanger maandrapport"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import Membership
        from accounts.selectors import organisation_members

        self.fields["teams"].queryset = selectors.report_teams(user)
        self.fields["report_recipient"].queryset = (
            organisation_members(user).filter(memberships__role=Membership.Role.MANAGER).distinct()
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("De einddatum ligt voor de begindatum."))
        if data.get("monthly_report") and not data.get("report_recipient"):
            self.add_error("report_recipient", _("Kies wie het maandrapport krijgt."))
        return data


class GoalForm(forms.Form):
    description = forms.CharField(
        label=_("Doelstelling"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: 120 online contacten per kwartaal"),
    )
    metric = forms.ChoiceField(label=_("Wat tellen we"), choices=AgreementGoal.Metric.choices, required=False)
    target = forms.IntegerField(label=_("Streefwaarde"), min_value=1, required=False)
    per = forms.ChoiceField(label=_("Per"), choices=AgreementGoal.Per.choices, required=False)

    def clean(self):
        data = super().clean()
        if data.get("description") and not data.get("target"):
            self.add_error("target", _("Vul de streefwaarde in, bijvoorbeeld 120."))
        return data


# absolute_max: a posted TOTAL_FORMS above 12 is refused without building the forms (Django's default builds
# up to 1,012 of them and renders them all: two seconds of CPU for one hostile POST).
GoalFormSet = forms.formset_factory(GoalForm, extra=3, max_num=12, absolute_max=12)


class BudgetForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Uren per week"),
        min_value=1,
        max_value=40,
        decimal_places=2,
        error_messages={"invalid": _("Vul het aantal uren in, bijvoorbeeld 4.")},
        help_text=_("Meestal tussen 2 en 6 uur per week."),
    )
    user = forms.IntegerField(required=False, widget=forms.HiddenInput)


PERIOD_CHOICES = [
    ("week", _("Week")),
    ("month", _("Maand")),
    ("quarter", _("Kwartaal")),
    ("year", _("Jaar")),
    ("custom", _("Zelf kiezen")),
]


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Periode"), choices=PERIOD_CHOICES, initial="quarter", widget=QuickSelect)
    day = forms.DateField(label=_("Een dag in de periode"), required=False, widget=QuickDateInput(format="%Y-%m-%d"))
    start = forms.DateField(label=_("Van"), required=False, widget=QuickDateInput(format="%Y-%m-%d"))
    end = forms.DateField(label=_("Tot en met"), required=False, widget=QuickDateInput(format="%Y-%m-%d"))
    agreement = forms.TypedChoiceField(label=_("Opdracht"), coerce=int, required=False, widget=QuickSelect)
    teams = IdMultipleChoiceField(label=_("Teams"), required=False)
    workers = IdMultipleChoiceField(label=_("Jongerenwerkers"), required=False)
    activity = forms.ChoiceField(label=_("Activiteit"), required=False, widget=QuickSelect)
    target_groups = IdMultipleChoiceField(label=_("Doelgroepen"), required=False)
    platforms = IdMultipleChoiceField(label=_("Platforms"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # The choices are (id, label) pairs, all five lists read at once: hundreds of people without a model
        # instance each. The agreement's row (its teams, term and goals) is read only for the one chosen
        # (clean_agreement).
        choices = selectors.report_choices(user)
        self.fields["teams"].set_pairs(choices["teams"])
        self.allowed_team_ids = [pk for pk, _name in choices["teams"]]
        self.fields["agreement"].choices = [("", _("Alle")), *choices["agreements"]]
        self.fields["activity"].choices = [
            ("", _("Alle")),
            (CONTACT_ACTIVITY, CONTACT_ACTIVITY_LABEL),
            *Activity.choices,
        ]
        self.fields["workers"].set_pairs(choices["workers"])
        self.fields["target_groups"].set_pairs(choices["target_groups"])
        self.fields["platforms"].set_pairs(choices["platforms"])

    def clean_agreement(self):
        pk = self.cleaned_data.get("agreement")
        if pk in (None, ""):
            return None
        agreement = FunderAgreement.objects.visible_to(self.user).filter(pk=pk).first()
        if agreement is None:  # removed since the page was built
            raise forms.ValidationError(
                self.fields["agreement"].error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
            )
        return agreement

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom":
            if not data.get("start") or not data.get("end"):
                self.add_error("start", _("Kies een begin- en einddatum, of een vaste periode."))
            elif data["end"] < data["start"]:
                self.add_error("end", _("De einddatum ligt voor de begindatum."))
            elif (data["end"] - data["start"]) > datetime.timedelta(days=366 * 3):
                self.add_error("end", _("Kies een periode van hoogstens drie jaar."))
        return data

    def report_filter(self):
        from registration.reports import ReportFilter, period_range

        data = self.cleaned_data
        if data["period"] == "custom":
            start, end = data["start"], data["end"]
        else:
            start, end = period_range(data["period"], data.get("day") or timezone.localdate())
        return ReportFilter(
            start=start,
            end=end,
            team_ids=data.get("teams") or self.allowed_team_ids,
            worker_ids=data.get("workers") or [],
            agreement=data.get("agreement"),
            activity=data.get("activity") or "",
            target_group_ids=data.get("target_groups") or [],
            platform_ids=data.get("platforms") or [],
        )
