"""The placeholders of an IN list in the plain SQL statements."""

from jongerenwerk.sql import placeholders


def test_one_placeholder_per_value_and_null_for_none():
    assert placeholders([7, 8, 9]) == "%s, %s, %s"
    assert placeholders(("youth_worker",)) == "%s"
    assert placeholders([]) == "NULL"  # IN (NULL) matches no row
