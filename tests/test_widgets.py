"""Python-built selects and date inputs render what Django's widget templates render; the id field checks ids."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from jongerenwerk.widgets import IdMultipleChoiceField, QuickSelect, QuickSelectMultiple


def test_select_escapes_values_and_labels_and_marks_the_chosen_option():
    html = QuickSelect(choices=[("", "Kies"), ("a&b", "<Tom>"), (3, "Ann")]).render("x", "a&b", attrs={"id": "id_x"})
    assert html == (
        '<select id="id_x" name="x"><option value="">Kies</option>'
        '<option value="a&amp;b" selected>&lt;Tom&gt;</option><option value="3">Ann</option></select>'
    )


def test_multiple_select_marks_every_chosen_option():
    widget = QuickSelectMultiple(choices=[(1, "A"), (2, "B"), (3, "C")])
    html = widget.render("people", [1, "3"], attrs={"id": "id_people", "required": True})
    assert html == (
        '<select id="id_people" name="people" multiple required><option value="1" selected>A</option>'
        '<option value="2">B</option><option value="3" selected>C</option></select>'
    )


@pytest.mark.django_db
def test_id_field_cleans_to_the_known_ids_once_each(django_assert_num_queries):
    field = IdMultipleChoiceField(required=False)
    field.set_pairs([(1, "A"), (2, "B")])
    with django_assert_num_queries(0):
        assert field.clean(["2", "1", "2"]) == [2, 1]
        assert field.clean([]) == []
    for unknown in (["3"], ["x"], ["1", "4"]):
        with pytest.raises(ValidationError):
            field.clean(unknown)


@pytest.mark.parametrize(
    "value", [None, "", datetime.date(2025, 7, 1), "2025-13-01", '"><script>', datetime.datetime(2025, 7, 1, 9, 30)]
)
@pytest.mark.parametrize("attrs", [None, {"id": "id_day", "class": "form-control is-invalid", "required": True}])
def test_date_input_renders_as_djangos_date_input(value, attrs):
    from django import forms

    from jongerenwerk.widgets import QuickDateInput

    django_input = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    assert QuickDateInput(format="%Y-%m-%d").render("day", value, attrs) == django_input.render("day", value, attrs)
