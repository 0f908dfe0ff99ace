"""Named capabilities of the policy part. Templates get these as booleans."""

from accounts.permissions import is_manager, is_team_lead


def can_create_documents(user):
    """Managers write the organisation's documents, team leads their team's."""
    return is_manager(user) or is_team_lead(user)


def can_write_document(user, document):
    """Organisation documents: managers; team documents: a team lead of that team (or a manager)."""
    if document.team_id is None:
        return is_manager(user)
    return is_manager(user) or is_team_lead(user, document.team_id)


def can_publish_document(user, document):
    """Publishing needs a manager, or for team documents a team lead of that team."""
    return can_write_document(user, document)


def can_review_version(user, version):
    """Someone other than the author who writes such documents; team leads also review organisation documents."""
    if user.pk == version.author_id:
        return False
    document = version.document
    return can_write_document(user, document) or (document.team_id is None and is_team_lead(user))


def can_confirm_fit(user, document):
    """The owner (or whoever writes the document) confirms it still fits the document it must fit."""
    return user.pk == document.owner_id or can_write_document(user, document)


def can_view_completion_report(user):
    """Managers and team leads see who has acknowledged what."""
    return is_manager(user) or is_team_lead(user)


def can_decide_post(user, post):
    """Only the chosen second person decides on a post, and never on their own."""
    return user.pk == post.reviewer_id and user.pk != post.author_id
