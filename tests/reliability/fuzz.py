"""Hypothesis strategies for hostile form input, generated from a form's fields."""

import os

from django import forms
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

TOTAL_EXAMPLES = int(os.environ.get("JW_FUZZ_EXAMPLES", "1000"))

settings.register_profile(
    "reliability",
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)

# Markup that must never come back unescaped; each one is recognisable in a response.
HTML_PAYLOADS = [
    "<script>alert('jw-xss')</script>",
    '"><img src=x onerror=alert("jw-xss")>',
    "<svg/onload=alert('jw-xss')>",
    "'><iframe src=javascript:alert('jw-xss')>",
    "{{ request.user.password }}{% debug %}",
    "<a href=\"javascript:alert('jw-xss')\">klik</a>",
]
SQL_PAYLOADS = [
    "' OR '1'='1",
    "'; DROP TABLE accounts_user; --",
    "1; SELECT pg_sleep(5)--",
    "\\'; UPDATE audit_auditevent SET detail='x'--",
    "%' AND 1=0 UNION SELECT password FROM accounts_user--",
]
ODD_TEXT = [
    "\x00",
    "a\x00b",
    "\u202eRTL override \u202c",
    "مرحبا بالعالم שלום",
    "😀👍🏽👨‍👩‍👧‍👦🇳🇱",
    "\ud7ff\ufeff\u200b",
    "Z̸̢͎̈a̴l̶g̸o̵",
    " ",
    "\r\n\t",
    "-1",
    "NaN",
    "Infinity",
    "1e309",
    "99999999999999999999999999",
]
IMPOSSIBLE_DATES = [
    "2025-02-30",
    "2025-13-01",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "31-12-2025",
    "2025-02-29",
    "1900-01-01",
    "2025-01-01T25:61",
    "24:60",
    "-1",
    "yesterday",
]
IMPOSSIBLE_DURATIONS = ["-15", "0", "99999999", "1e9", "15.5", "1:99", "-00:01", "P1Y", "2147483648", "abc"]

odd_alphabet = st.characters(codec="utf-8", exclude_categories=["Cs"])
hostile_text = st.one_of(
    st.sampled_from(HTML_PAYLOADS + SQL_PAYLOADS + ODD_TEXT),
    st.text(odd_alphabet, max_size=60),
    st.builds(lambda part, n: part * n, st.sampled_from(["A", "é", "😀", "<b>", "\x00"]), st.integers(300, 20_000)),
    st.builds(lambda a, b: a + b, st.sampled_from(HTML_PAYLOADS + SQL_PAYLOADS), st.text(odd_alphabet, max_size=10)),
)
numbers = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["", "0", "-0", "1.5", "1e400", "0x10", "٣", "NaN"]),
    hostile_text,
)


def choice_values(field):
    try:
        values = [str(value) for value, _ in field.choices if value not in ("", None)]
    except Exception:  # a ModelChoiceIterator over a queryset works here; anything else: no known values
        values = []
    values = [value for value in values if not value.startswith("(")][:50]
    unknown = st.one_of(numbers, st.sampled_from(["999999999", "-1", "0", "' OR 1=1"]))
    return st.one_of(st.sampled_from(values), unknown) if values else unknown


def field_strategy(field):
    """Values for one form field: mostly hostile, sometimes valid-looking."""
    if isinstance(field, forms.DurationField) or "duur" in (field.label or "").lower():
        base = st.sampled_from(IMPOSSIBLE_DURATIONS)
    elif isinstance(field, (forms.DateField, forms.DateTimeField, forms.TimeField, forms.SplitDateTimeField)):
        base = st.sampled_from(IMPOSSIBLE_DATES)
    elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        base = numbers
    elif isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
        base = choice_values(field)
    elif isinstance(field, forms.BooleanField):
        base = st.sampled_from(["on", "true", "", "0", "yes", "\x00"])
    else:
        base = hostile_text
    # Any field can also get several values, or a hostile text of any kind.
    return st.one_of(base, hostile_text, st.lists(base, min_size=2, max_size=3))


def form_fields(form):
    """{posted name: field} for a form or a formset (with its management form and two forms)."""
    if isinstance(form, forms.BaseFormSet):
        fields = {form.management_form.add_prefix(name): field for name, field in form.management_form.fields.items()}
        for index in range(2):
            prefix = form.add_prefix(str(index))
            fields.update({f"{prefix}-{name}": field for name, field in form.form().fields.items()})
        return fields
    return {form.add_prefix(name): field for name, field in form.fields.items()}


def body_strategy(fields, extra_keys=()):
    """A POST body: every field optional, plus an unknown field now and then."""
    strategies = {name: field_strategy(field) for name, field in fields.items()}
    strategies.update({key: hostile_text for key in extra_keys if key not in strategies})
    return st.fixed_dictionaries(
        {},
        optional={**strategies, "jw_unknown_field": hostile_text},
    )


def forms_in(response):
    """Every form and formset the page was rendered with."""
    found = []
    for context in response.context or []:
        for value in context.flatten().values() if hasattr(context, "flatten") else []:
            if isinstance(value, (forms.BaseForm, forms.BaseFormSet)) and value not in found:
                found.append(value)
    return found


def reflected_payloads(body, content):
    """The posted markup that came back unescaped."""
    values = []
    for value in body.values():
        values.extend(value if isinstance(value, list) else [value])
    return [
        value
        for value in values
        if isinstance(value, str) and "<" in value and len(value) >= 6 and len(value) < 5000 and value in content
    ]


def run_fuzz(client, url, fields, extra_keys, examples, shrink=True):
    """POST `examples` hostile bodies to `url`; raises on the first 500 or unescaped reflection (shrunk
    by Hypothesis). Returns what was seen, also when it raises (in `seen`)."""
    from hypothesis import given

    from tests.reliability.matrix import post_form

    seen = {"examples": 0, "errors_5xx": 0, "reflected": 0}

    phases = list(Phase) if shrink else [Phase.generate]

    @settings(settings.get_profile("reliability"), max_examples=examples, phases=phases)
    @given(body=body_strategy(fields, extra_keys))
    def post_hostile(body):
        seen["examples"] += 1
        response = post_form(client, url, body, follow=True)
        if response.status_code >= 500:
            seen["errors_5xx"] += 1
        reflected = reflected_payloads(body, response.content.decode(errors="replace"))
        seen["reflected"] += bool(reflected)
        assert response.status_code < 500, f"{response.status_code} for {body!r}"
        assert reflected == [], f"posted markup came back unescaped: {reflected!r}"

    try:
        post_hostile()
    finally:
        run_fuzz.last = seen
    return seen
