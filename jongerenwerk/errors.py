"""The one error type services raise when a rule refuses an action."""


class DomainError(Exception):
    """A refused action, with a translated message meant for the person who tried it."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
