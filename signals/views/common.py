"""The one way views run a service: a DomainError becomes a message next to the field, nothing typed is lost."""

from jongerenwerk.errors import DomainError


def run_service(form, call):
    """Call the service; on a refusal, put its message on the form and return None."""
    try:
        return call()
    except DomainError as refused:
        field = refused.field if refused.field in form.fields else None
        form.add_error(field, refused.message)
        return None
