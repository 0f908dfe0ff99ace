"""Choice widgets and fields that render options in Python and validate without a query per choice.

Django renders every option of a select through a template (hundreds of renders for a list of people), and a
model choice field makes a model instance per option. These take plain pairs read with values_list and render
the options as escaped strings.
"""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def options_html(choices, selected):
    """The <option>s of (value, label) pairs; those whose escaped value is in `selected` are selected.

    Plain string work per option, escaped as Django's escape does (an int id needs none): format_html per
    option costs more than the rest of a page with a few hundred options.
    """
    options = []
    for value, label in choices:
        value = str(value) if type(value) is int else escape(str(value))
        mark = " selected" if value in selected else ""
        options.append(f'<option value="{value}"{mark}>{escape(str(label))}</option>')
    return "".join(options)


class QuickSelect(forms.Select):
    """A select whose options are built in Python."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = {escape(str(v)) for v in self.format_value(value)}
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options_html(self.choices, selected)))


class QuickDateInput(forms.DateInput):
    """A date input (type="date") rendered in Python, as Django's input template renders it: a form of a few
    date fields spends more on Django's per-widget template than on the rest of its fields."""

    input_type = "date"

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        parts = [f'<input type="{self.input_type}" name="{escape(name)}"']
        if value is not None:
            parts.append(f' value="{escape(str(value))}"')
        for key, item in self.build_attrs(self.attrs, attrs).items():
            if item is True:
                parts.append(f" {key}")
            elif item is not False:
                parts.append(f' {key}="{escape(str(item))}"')
        return mark_safe("".join(parts) + ">")  # every value is escaped


class QuickSelectMultiple(forms.SelectMultiple):
    """A multiple select whose options are built in Python, from (value, label) pairs kept as given."""

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = list(value)

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name, "multiple": True})
        selected = {escape(str(v)) for v in self.format_value(value)}
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options_html(self.choices, selected)))


class IdMultipleChoiceField(forms.TypedMultipleChoiceField):
    """A multiple choice over (id, label) pairs the caller scoped; cleans to a list of int ids, no query."""

    widget = QuickSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)

    def set_pairs(self, pairs):
        """The (id, label) pairs, taken as they are: Django's choices setters normalise every pair."""
        self._choices = self.widget.choices = list(pairs)

    def validate(self, value):
        if not value:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return
        valid = {str(key) for key, _label in self.choices}
        for item in value:
            if str(item) not in valid:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )

    def clean(self, value):
        # Each id once, in the order given.
        return list(dict.fromkeys(super().clean(value)))


class _ListIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.objects:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.objects) + (1 if self.field.empty_label is not None else 0)


class ListedChoiceField(forms.ModelChoiceField):
    """A model choice field over a list read once: rendering and validating it read nothing more."""

    iterator = _ListIterator

    def set_objects(self, queryset):
        self.objects = list(queryset)
        self.by_pk = {str(obj.pk): obj for obj in self.objects}
        self.queryset = queryset

    def to_python(self, value):
        if value in self.empty_values:
            return None
        obj = self.by_pk.get(str(value))
        if obj is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return obj

    def validate(self, value):
        forms.Field.validate(self, value)
