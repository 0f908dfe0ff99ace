"""What the plain SQL statements of the busiest pages share (each is pinned to its ORM twin by a test)."""


def placeholders(values):
    """The `%s` placeholders of an `IN (...)` list of these values; `NULL` for none, which matches no row."""
    return ", ".join(["%s"] * len(values)) or "NULL"
