"""The audit log filter: validation only, the person choices scoped to the organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Persoon"), queryset=None, required=False, empty_label=_("Iedereen"))
    object_type = forms.ChoiceField(label=_("Soort gegeven"), required=False)
    object_id = forms.CharField(label=_("Nummer van het gegeven"), max_length=64, required=False)
    date_from = forms.DateField(
        label=_("Van"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2026-01-31.")},
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2026-01-31.")},
    )

    def __init__(self, *args, people, object_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = people
        self.fields["object_type"].choices = [("", _("Alles")), *((kind, kind) for kind in object_types)]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum. Kies een latere datum."))
        return cleaned
