"""Forms of the privacy app: validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.models import RecordKind, RetentionSettings

DATE_ERROR = _("Vul een datum in, bijvoorbeeld 2026-01-31.")


class RetentionSettingsForm(forms.ModelForm):
    class Meta:
        model = RetentionSettings
        fields = ["contact_days", "time_entry_days", "closed_signal_days", "young_person_days"]
        error_messages = {
            field: {
                "invalid": _("Vul een aantal dagen in, bijvoorbeeld 730."),
                "min_value": _("Kies minstens 30 dagen."),
                "max_value": _("Kies hoogstens 7300 dagen (20 jaar)."),
                "required": _("Vul een aantal dagen in, bijvoorbeeld 730."),
            }
            for field in ["contact_days", "time_entry_days", "closed_signal_days", "young_person_days"]
        }


class LegalHoldForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort gegeven"), choices=RecordKind.choices)
    object_id = forms.IntegerField(
        label=_("Nummer van het gegeven"),
        min_value=1,
        error_messages={"invalid": _("Vul het nummer van het gegeven in, bijvoorbeeld 42.")},
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=200,
        help_text=_("Beschrijf de aanleiding zonder namen, bijvoorbeeld 'klacht 2026-14'."),
    )


class ReleaseForm(forms.Form):
    reason = forms.CharField(label=_("Reden van opheffen"), max_length=200)


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=_("Van"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_ERROR},
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_ERROR},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum. Kies een latere datum."))
        return cleaned

    def period(self):
        """The chosen dates, or no limits when the form is empty or invalid."""
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
