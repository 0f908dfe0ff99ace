from accounts.models.outreach import (
    Persona,
    Platform,
    PlatformAccount,
    PlatformAccountEvent,
    PlatformUsage,
    TargetGroup,
)
from accounts.models.people import Invitation, Membership, Organisation, Team, User

__all__ = [
    "Invitation",
    "Membership",
    "Organisation",
    "Persona",
    "Platform",
    "PlatformAccount",
    "PlatformAccountEvent",
    "PlatformUsage",
    "TargetGroup",
    "Team",
    "User",
]
