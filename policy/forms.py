"""Validation only; choice fields scoped to the person."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, PlatformAccount, Team, User
from accounts.permissions import is_manager
from accounts.selectors import member_team_ids, organisation_members
from policy.models import PolicyDocument, PolicyVersion

PRIVACY_HINT = _("Beschrijf, maar noem geen namen van jongeren.")


class DocumentForm(forms.ModelForm):
    class Meta:
        model = PolicyDocument
        fields = ["title", "kind", "team", "owner", "review_interval_months", "must_fit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if is_manager(user):
            self.fields["team"].queryset = Team.objects.visible_to(user)
        else:
            # Team leads write only their own team's documents.
            lead_teams = [tid for tid, role in _memberships(user) if role == Membership.Role.TEAM_LEAD]
            self.fields["team"].queryset = Team.objects.filter(pk__in=lead_teams)
            self.fields["team"].required = True
        self.fields["team"].empty_label = _("Hele organisatie")
        self.fields["owner"].queryset = organisation_members(user)
        self.fields["owner"].initial = user.pk
        self.fields["must_fit"].queryset = PolicyDocument.objects.visible_to(user).filter(
            kind=PolicyDocument.Kind.COMMUNICATION
        )
        self.fields["must_fit"].help_text = _("Het communicatiebeleid waar dit document op moet aansluiten.")


def _memberships(user):
    from accounts.selectors import memberships_of

    return memberships_of(user)


class VersionForm(forms.ModelForm):
    class Meta:
        model = PolicyVersion
        fields = ["body", "change_summary", "on_call_lead", "on_call_phone"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        help_texts = {
            "body": _("Markdown: # kop, **vet**, - opsomming, [link](https://…). HTML wordt niet overgenomen."),
            "change_summary": _("In één zin, bijvoorbeeld: ‘Regels voor reageren op stories toegevoegd’."),
            "on_call_phone": _("Bijvoorbeeld 06-12345678"),
        }

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        if document.kind == PolicyDocument.Kind.SIGNAL_PROTOCOL:
            members = User.objects.filter(organisation_id=document.organisation_id, is_active=True)
            if document.team_id:
                members = members.filter(memberships__team_id=document.team_id).distinct()
            self.fields["on_call_lead"].queryset = members
        else:
            del self.fields["on_call_lead"]
            del self.fields["on_call_phone"]


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PostForm(forms.Form):
    account = forms.ModelChoiceField(label=_("Organisatieaccount"), queryset=PlatformAccount.objects.none())
    text = forms.CharField(
        label=_("Tekst van het bericht"), widget=forms.Textarea(attrs={"rows": 6}), help_text=PRIVACY_HINT
    )
    planned_at = forms.DateTimeField(
        label=_("Gepland op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Vul datum en tijd in, bijvoorbeeld 24-11-2026 10:00.")},
    )
    checked_against = forms.ModelMultipleChoiceField(
        label=_("Getoetst aan"), queryset=PolicyDocument.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Het gepubliceerde beleid waaraan je het bericht toetste."),
    )  # fmt: skip
    checked_points = forms.CharField(
        label=_("Aandachtspunten waaraan je het bericht toetste"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False, help_text=PRIVACY_HINT,
    )  # fmt: skip
    reviewer = forms.ModelChoiceField(label=_("Tweede lezer"), queryset=User.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = (
            PlatformAccount.objects.visible_to(user)
            .filter(kind=PlatformAccount.Kind.ORGANISATION)
            .exclude(status__in=[PlatformAccount.Status.ARCHIVED, PlatformAccount.Status.REJECTED])
            .select_related("platform")
        )
        self.fields["checked_against"].queryset = PolicyDocument.objects.visible_to(user).filter(
            versions__status=PolicyVersion.Status.PUBLISHED
        )
        # The second person: a colleague from one of the person's teams, or a manager.
        second = Membership.objects.filter(
            Q(team__in=member_team_ids(user))
            | Q(team__organisation_id=user.organisation_id, role=Membership.Role.MANAGER)
        )
        self.fields["reviewer"].queryset = (
            organisation_members(user)
            .filter(pk__in=second.values("user_id"))
            .exclude(pk=user.pk)
            .filter(is_active=True)
        )


class ResubmitForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst van het bericht"), widget=forms.Textarea(attrs={"rows": 6}), help_text=PRIVACY_HINT
    )
    planned_at = PostForm.base_fields["planned_at"]
    checked_points = PostForm.base_fields["checked_points"]
