"""URL names merged before their rows were written (2026-11-21: outreach, policy, registration, signals).

Not a place for new URLs: a name that is neither in a row nor here fails the matrix. Each name here
gets only the checks that need no role table (test_unclassified_urls.py: no 5xx for any role, nothing
served with a random id, anonymous to login, uploads refused, MFA enrolment first). Move a name to a
Route in its app's module to give it the full matrix, foreign ids and fuzzing; this list only shrinks.
"""

PENDING = {}
