"""Changes to people, teams and memberships."""

from accounts.models import User


def user_set_language(*, user: User, language: str) -> None:
    """Remember the interface language a person chose."""
    user.language = language
    user.save(update_fields=["language"])
