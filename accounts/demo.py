"""Demo data for people and teams: one organisation, two teams, one person per role."""

from django.conf import settings
from django.utils import timezone

from accounts.models import Invitation, Membership, Organisation, Team, User

DEMO_PASSWORD = "demo-Jongerenwerk-2026"
Role = Membership.Role

# (email, name, team index, role)
PEOPLE = [
    ("jongerenwerker@demo.jongerenwerk.nl", "Sam de Vries", 0, Role.YOUTH_WORKER),
    ("jongerenwerker2@demo.jongerenwerk.nl", "Noor Bakker", 0, Role.YOUTH_WORKER),
    ("teamleider@demo.jongerenwerk.nl", "Mila Jansen", 0, Role.TEAM_LEAD),
    ("aandachtsfunctionaris@demo.jongerenwerk.nl", "Daan Visser", 0, Role.SAFEGUARDING_OFFICER),
    ("manager@demo.jongerenwerk.nl", "Eva de Boer", 0, Role.MANAGER),
    ("beheerder@demo.jongerenwerk.nl", "Lars Smit", 0, Role.ADMINISTRATOR),
    ("jongerenwerker-zuid@demo.jongerenwerk.nl", "Yara el Amrani", 1, Role.YOUTH_WORKER),
    ("teamleider-zuid@demo.jongerenwerk.nl", "Jesse Mulder", 1, Role.TEAM_LEAD),
]


def seed(demo):
    """Create the organisation, its teams and people; existing rows are kept and passwords reset."""
    org, _created = Organisation.objects.get_or_create(name="Jongerenwerk Demo")
    teams = [Team.objects.get_or_create(organisation=org, name=name)[0] for name in ("Team Noord", "Team Zuid")]
    users = {}
    logins = []
    for email, name, team_index, role in PEOPLE:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name, "organisation": org})
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, team=teams[team_index], role=role)
        users[email.split("@")[0]] = user
        logins.append((f"{Role(role).label} ({teams[team_index].name})", user))
    _open_invitation(org, teams[0], users["beheerder"])
    demo.update(organisation=org, teams=teams, users=users, logins=logins, password=DEMO_PASSWORD)
    __import__("accounts.demo_outreach").demo_outreach.seed(demo)  # target groups, personas, accounts
    return demo


def _open_invitation(org, team, administrator):
    """One open invitation, so the administrator's home page shows what that looks like."""
    email = "nieuwe.collega@demo.jongerenwerk.nl"
    now = timezone.now()
    if not Invitation.objects.filter(email=email, accepted_at__isnull=True, expires_at__gt=now).exists():
        Invitation.objects.filter(email=email, accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
        Invitation.objects.create(
            organisation=org,
            team=team,
            email=email,
            role=Role.YOUTH_WORKER,
            invited_by=administrator,
            expires_at=now + settings.INVITATION_VALID_FOR,
        )
