"""The reliability suite's world: the cast of the root conftest, one logged-in client per role."""

from dataclasses import dataclass, field

import pytest
from django.test import Client

from tests.reliability.access import ADMIN, ANON, LEAD, MANAGER, OFFICER, OTHER_ORG, OTHER_TEAM, OWN, WORKER


@dataclass
class World:
    org: object
    other_org: object
    team_a: object
    team_b: object
    other_team: object
    users: dict
    outsider: object
    stranger: object
    clients: dict = field(default_factory=dict)

    def team(self, scope):
        return {OWN: self.team_a, OTHER_TEAM: self.team_b, OTHER_ORG: self.other_team}[scope]

    def member(self, scope):
        """A youth worker of the team in that scope (to author objects there)."""
        return {OWN: self.users[WORKER], OTHER_TEAM: self.outsider, OTHER_ORG: self.stranger}[scope]

    def client(self, role):
        """One reused client per role (anonymous included), logged in once."""
        if role not in self.clients:
            client = Client()
            if role != ANON:
                client.force_login(self.users[role])
            self.clients[role] = client
        return self.clients[role]


@pytest.fixture
def world(
    org, other_org, team_a, team_b, other_team, worker, lead, officer, manager, administrator, outsider, stranger
):
    users = {WORKER: worker, LEAD: lead, OFFICER: officer, MANAGER: manager, ADMIN: administrator}
    return World(org, other_org, team_a, team_b, other_team, users, outsider, stranger)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The cast is created for every test here: hash its passwords cheaply (login is tested elsewhere too)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
