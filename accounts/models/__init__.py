from accounts.models.outreach import Platform, PlatformAccount, TargetGroup
from accounts.models.people import Invitation, Membership, Organisation, Team, User

__all__ = [
    "Invitation",
    "Membership",
    "Organisation",
    "Platform",
    "PlatformAccount",
    "TargetGroup",
    "Team",
    "User",
]
