"""Every kind of notification, with the words a person reads. Emails carry only these words and a link."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # Foundation
    TEST = "test", _("Testmelding")
    # Platform accounts
    ACCOUNT_REVIEW_DUE = "account_review_due", _("Een platformaccount moet worden gecontroleerd")
    ACCOUNT_REVIEW_OVERDUE = "account_review_overdue", _("De controle van een platformaccount is te laat")
    ACCOUNT_APPROVAL_WAITING = "account_approval_waiting", _("Een accountaanvraag wacht op goedkeuring")
    ACCOUNT_HANDOVER = "account_handover", _("Een account van een vertrokken collega moet worden overgedragen")
    # Registration
    NOTHING_LOGGED = "nothing_logged", _("Je hebt deze week nog niets geregistreerd")
    TEAM_NOTHING_LOGGED = "team_nothing_logged", _("Collega's hebben vorige week niets geregistreerd")
    WEEKLY_BUDGET_EXCEEDED = "weekly_budget_exceeded", _("Je weekbudget voor online werk is overschreden")
    AGREEMENT_BUDGET_80 = "agreement_budget_80", _("Een opdracht heeft 80% van de uren bereikt")
    AGREEMENT_BUDGET_100 = "agreement_budget_100", _("Een opdracht heeft 100% van de uren bereikt")
    CONTACT_FOLLOW_UP_DUE = "contact_follow_up_due", _("Een vervolgactie van een contact is bijna aan de beurt")
    MONTH_TO_APPROVE = "month_to_approve", _("Een maand wacht op goedkeuring")
    MONTHLY_REPORT = "monthly_report", _("Het maandrapport voor de opdrachtgever staat klaar")
    # Policy
    POLICY_ACKNOWLEDGE = "policy_acknowledge", _("Er is beleid dat je nog moet lezen en bevestigen")
    POLICY_ACKNOWLEDGE_TEAM = "policy_acknowledge_team", _("Teamleden hebben beleid nog niet bevestigd")
    POLICY_REVIEW_WAITING = "policy_review_waiting", _("Een beleidsversie wacht op je review")
    POLICY_REVIEW_DUE = "policy_review_due", _("Een beleidsdocument moet binnenkort worden herzien")
    POLICY_REVIEW_OVERDUE = "policy_review_overdue", _("De herziening van een beleidsdocument is te laat")
    POST_APPROVAL_WAITING = "post_approval_waiting", _("Een bericht wacht op goedkeuring")
    POST_EXPIRED = "post_expired", _("Een bericht is niet op tijd goedgekeurd")
    # Signals
    SIGNAL_ACUTE = "signal_acute", _("Er is een acuut signaal gemeld")
    SIGNAL_TRIAGE_DUE = "signal_triage_due", _("Een signaal moet worden beoordeeld")
    SIGNAL_STEP_DUE = "signal_step_due", _("Een stap of vervolgactie is bijna aan de beurt")
    SIGNAL_STEP_OVERDUE = "signal_step_overdue", _("Een stap of vervolgactie is te laat")
    SIGNAL_ESCALATED = "signal_escalated", _("Een te late stap of actie is naar jou doorgezet")
    SIGNAL_IDLE = "signal_idle", _("Een signaal heeft 14 dagen geen activiteit")
    SIGNAL_ASSIGNED = "signal_assigned", _("Je bent behandelaar van een signaal")
    SIGNAL_CLOSE_APPROVAL = "signal_close_approval", _("Een signaal wacht op goedkeuring om te sluiten")
    INTERVISION_TOMORROW = "intervision_tomorrow", _("Morgen is er een intervisie")
    INTERVISION_MINUTES = "intervision_minutes", _("Het verslag van een intervisie is vastgesteld")
