"""Step 4 of the Meldcode: the five questions of the afwegingskader and where each answer leads.

The branches are a table, so the form, the page and the tests read the same rules.
Source: Meldcode huiselijk geweld en kindermishandeling (2019), afwegingskader.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    CLOSE_NO_SUSPICION = "close_no_suspicion", _("Geen vermoeden: sluiten en vastleggen waarom")
    REPORT = "report", _("Melden bij Veilig Thuis")
    CLOSE_WITH_MONITORING = "close_monitoring", _("Hulp biedt op tijd veiligheid: sluiten met monitoringsafspraken")


QUESTIONS = {
    1: _("Is er een vermoeden van huiselijk geweld, kindermishandeling of seksueel misbruik?"),
    2: _("Is er sprake van acute of structurele onveiligheid?"),
    3: _("Kun je adequate hulp bieden of organiseren?"),
    4: _("Aanvaarden de betrokkenen de hulp?"),
    5: _("Leidt de hulp binnen de gewenste termijn tot de noodzakelijke veiligheid?"),
}

# (question, answer) -> (next question or None, outcome or None, note shown to the person).
# Question 2 "yes" means: report, and answer 3-5 together with Veilig Thuis; the report stands.
BRANCHES = {
    (1, False): (None, Outcome.CLOSE_NO_SUSPICION, _("Sluit af en leg vast waarom er geen vermoeden is.")),
    (1, True): (2, None, _("Ga verder met vraag 2.")),
    (2, True): (
        3,
        Outcome.REPORT,
        _("Meld bij Veilig Thuis; beantwoord vraag 3 tot en met 5 samen met Veilig Thuis."),
    ),
    (2, False): (3, None, _("Ga verder met vraag 3.")),
    (3, False): (None, Outcome.REPORT, _("Meld bij Veilig Thuis.")),
    (3, True): (4, None, _("Ga verder met vraag 4.")),
    (4, False): (None, Outcome.REPORT, _("Meld bij Veilig Thuis.")),
    (4, True): (5, None, _("Ga verder met vraag 5.")),
    (5, False): (None, Outcome.REPORT, _("Meld bij Veilig Thuis.")),
    (5, True): (
        None,
        Outcome.CLOSE_WITH_MONITORING,
        _("Sluit af met monitoringsafspraken (tenzij je al meldt)."),
    ),
}


def weigh(answers):
    """Follow the branches for `answers` ({question: bool}); returns (path, outcome or None if unfinished).

    `path` lists the questions asked in order. A report decided on the way (question 2) stands,
    whatever the later answers are.
    """
    path, question, reported = [], 1, False
    while question is not None:
        if answers.get(question) is None:
            return path, None
        path.append(question)
        question, outcome, _note = BRANCHES[(question, answers[question])]
        if outcome == Outcome.REPORT:
            reported = True
        if question is None:
            return path, Outcome.REPORT if reported else outcome
    return path, None
