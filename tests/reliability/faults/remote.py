"""Run inside a Django process pointed at the fault database (servers.django_call): the people."""

import json
import sys

from accounts.models import Membership, Organisation, Team, User
from accounts.tests.factories import TEST_PASSWORD

WORKER_EMAIL = "werker@faults.example.org"


def seed_people():
    organisation, _ = Organisation.objects.get_or_create(name="Storingen")
    team, _ = Team.objects.get_or_create(organisation=organisation, name="Team Storing")
    user = User.objects.filter(email=WORKER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=WORKER_EMAIL, password=TEST_PASSWORD, full_name="Werker Storing")
        user.organisation = organisation
        user.save()
        Membership.objects.create(user=user, team=team, role=Membership.Role.YOUTH_WORKER)
    sys.stdout.write(json.dumps({"user": user.pk, "team": team.pk}))
