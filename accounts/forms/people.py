"""Forms for organisation management and invitations: validation only, choices scoped to the organisation."""

from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership

ROLE_CHOICES = Membership.Role.choices


class TeamForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van het team"),
        max_length=120,
        error_messages={"required": _("Vul een naam voor het team in, bijvoorbeeld Team Noord.")},
    )


class MemberFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("Iedereen")), ("active", _("Actief")), ("inactive", _("Gedeactiveerd"))]

    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False, empty_label=_("Alle teams"))
    role = forms.ChoiceField(label=_("Rol"), choices=[("", _("Alle rollen")), *ROLE_CHOICES], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams

    def active(self):
        return {"active": True, "inactive": False}.get(self.cleaned_data.get("status"))


class MembershipRolesForm(forms.Form):
    """The roles of one person in one team; an empty choice removes them from the team."""

    team = forms.ModelChoiceField(label=_("Team"), queryset=None, error_messages={"required": _("Kies een team.")})
    roles = forms.MultipleChoiceField(
        label=_("Rollen"), choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul het e-mailadres in, bijvoorbeeld naam@organisatie.nl."),
            "invalid": _("Dit is geen geldig e-mailadres. Bijvoorbeeld: naam@organisatie.nl."),
        },
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, error_messages={"required": _("Kies een team.")})
    role = forms.ChoiceField(label=_("Rol"), choices=ROLE_CHOICES, error_messages={"required": _("Kies een rol.")})

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(
        label=_("Je naam"),
        max_length=150,
        error_messages={"required": _("Vul je naam in, zoals je collega's je kennen.")},
    )
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Kies een wachtwoord van minstens 12 tekens.")},
    )
    password2 = forms.CharField(
        label=_("Wachtwoord nog een keer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Typ je wachtwoord nog een keer.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form so the help text is in the person's language.
        self.fields["password1"].help_text = " ".join(str(text) for text in password_validators_help_texts())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw."))
        return cleaned
