"""Forms for target groups, usage, personas, platforms and platform accounts: validation only.

No field here takes a password or token: the registry only notes *where* credentials are kept.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Persona, PlatformAccount, PlatformUsage, TargetGroup

PRIVACY_HINT = _("Beschrijf, maar maak niemand herkenbaar: geen namen of details van echte jongeren.")


class TargetGroupForm(forms.ModelForm):
    class Meta:
        model = TargetGroup
        fields = ["name", "description", "age_min", "age_max", "area", "needs", "estimated_size"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "name": _("Bijvoorbeeld: meiden 12–16 Noord, ouders, lokale politiek"),
            "description": PRIVACY_HINT,
            "needs": _("Waar heeft deze groep behoefte aan, welke thema's spelen er?"),
            "estimated_size": _("Een schatting is genoeg, bijvoorbeeld 150"),
        }

    def clean(self):
        cleaned = super().clean()
        age_min, age_max = cleaned.get("age_min"), cleaned.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error(
                "age_max", _("De leeftijd ‘tot en met’ is lager dan ‘vanaf’. Bijvoorbeeld: 12 tot en met 16.")
            )
        return cleaned


class TargetGroupCreateForm(TargetGroupForm):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, empty_label=None)

    class Meta(TargetGroupForm.Meta):
        fields = ["team", *TargetGroupForm.Meta.fields]

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class PlatformUsageForm(forms.ModelForm):
    communication_forms = forms.MultipleChoiceField(
        label=_("Hoe ze er communiceren"),
        choices=PlatformUsage.Form.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PlatformUsage
        fields = ["frequency", "communication_forms", "team_activity"]
        widgets = {"frequency": forms.RadioSelect, "team_activity": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"team_activity": _("Bijvoorbeeld: we reageren op stories en zijn via DM bereikbaar.")}


class PersonaForm(forms.ModelForm):
    is_fictional = forms.BooleanField(
        label=_("Deze persona is verzonnen en is geen echte jongere."),
        required=True,
        error_messages={"required": _("Een persona is altijd verzonnen. Vink aan dat dit geen echte jongere is.")},
    )

    class Meta:
        model = Persona
        fields = ["name", "age", "story", "goals", "worries", "online_habits", "preferred_platforms", "tone"]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 2}),
            "worries": forms.Textarea(attrs={"rows": 2}),
            "online_habits": forms.Textarea(attrs={"rows": 2}),
            "tone": forms.Textarea(attrs={"rows": 2}),
            "preferred_platforms": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "name": _("Een verzonnen naam, bijvoorbeeld ‘Aisha (14)’. Nooit de naam van een echte jongere."),
            "story": PRIVACY_HINT,
        }

    def __init__(self, *args, platforms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_platforms"].queryset = platforms
        if self.instance.pk:
            self.fields["is_fictional"].initial = True


class PlatformAccountRequestForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, empty_label=None)
    platform = forms.ModelChoiceField(label=_("Platform"), queryset=None)
    handle = forms.CharField(
        label=_("Accountnaam of profiel-URL"),
        max_length=200,
        help_text=_("Bijvoorbeeld @jongerenwerk.noord of de link naar het profiel"),
    )
    kind = forms.ChoiceField(
        label=_("Soort account"),
        choices=PlatformAccount.Kind.choices,
        initial=PlatformAccount.Kind.PERSONAL_BUSINESS,
        widget=forms.RadioSelect,
        help_text=_(
            "Voor contact met jongeren werkt een zakelijk persoonlijk account het best: jongeren zoeken contact met "
            "de mens, niet met de organisatie. Een organisatieaccount is voor PR en algemene communicatie."
        ),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Doelgroepen"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    purpose = forms.CharField(label=_("Doel van het account"), widget=forms.Textarea(attrs={"rows": 3}))
    working_hours = forms.CharField(
        label=_("Bereikbaarheid op het profiel"),
        max_length=200,
        required=False,
        help_text=PlatformAccount._meta.get_field("working_hours").help_text,
    )
    credentials_location = forms.CharField(
        label=_("Waar de inloggegevens bewaard worden"),
        max_length=200,
        required=False,
        help_text=PlatformAccount._meta.get_field("credentials_location").help_text,
    )

    def __init__(self, *args, teams, platforms, target_groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["platform"].queryset = platforms
        self.fields["target_groups"].queryset = target_groups
        self.fields["target_groups"].label_from_instance = lambda group: f"{group.name} ({group.team.name})"


class PlatformAccountEditForm(forms.Form):
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Doelgroepen"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    purpose = forms.CharField(label=_("Doel van het account"), widget=forms.Textarea(attrs={"rows": 3}))
    working_hours = PlatformAccountRequestForm.base_fields["working_hours"]
    credentials_location = PlatformAccountRequestForm.base_fields["credentials_location"]

    def __init__(self, *args, target_groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = target_groups


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PRIVACY_HINT,
        error_messages={"required": _("Schrijf een korte reden op.")},
    )


class TransferForm(forms.Form):
    new_owner = forms.ModelChoiceField(label=_("Nieuwe eigenaar"), queryset=None)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_owner"].queryset = owners


class PlatformForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=80)
    handle_pattern = forms.CharField(
        label=_("Regel voor geldige accountnamen (reguliere expressie)"),
        max_length=300,
        required=False,
        help_text=_("Geldt voor de accountnaam in kleine letters, zonder @. Bijvoorbeeld: [a-z0-9._]{1,30}"),
    )
    url_domains = forms.CharField(
        label=_("Webadressen van profielen"),
        max_length=200,
        required=False,
        help_text=_("Gescheiden door spaties, bijvoorbeeld: bereal.com"),
    )
    handle_example = forms.CharField(label=_("Voorbeeld van een geldige accountnaam"), max_length=80, required=False)
