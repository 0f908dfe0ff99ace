"""URL names merged before their rows were written (2026-11-21: outreach, policy, registration, signals).

Not a place for new URLs: a name that is neither in a row nor here fails the matrix. Each name here
gets only the checks that need no role table (test_unclassified_urls.py: no 5xx for any role, nothing
served with a random id, anonymous to login, uploads refused, MFA enrolment first). Move a name to a
Route in its app's module to give it the full matrix, foreign ids and fuzzing; this list only shrinks.
"""

PENDING = {
    "accounts:account_activate",  # /platformaccounts/<int:pk>/in-gebruik/
    "accounts:account_approve",  # /platformaccounts/<int:pk>/goedkeuren/
    "accounts:account_archive",  # /platformaccounts/<int:pk>/archiveren/
    "accounts:account_detail",  # /platformaccounts/<int:pk>/
    "accounts:account_edit",  # /platformaccounts/<int:pk>/bewerken/
    "accounts:account_list",  # /platformaccounts/
    "accounts:account_reject",  # /platformaccounts/<int:pk>/afwijzen/
    "accounts:account_request",  # /platformaccounts/aanvragen/
    "accounts:account_review_confirm",  # /platformaccounts/<int:pk>/controle/
    "accounts:account_transfer",  # /platformaccounts/<int:pk>/overdragen/
    "accounts:matrix",  # /doelgroepen/matrix/
    "accounts:persona_create",  # /doelgroepen/<int:pk>/personas/nieuw/
    "accounts:persona_delete",  # /personas/<int:pk>/verwijderen/
    "accounts:persona_edit",  # /personas/<int:pk>/bewerken/
    "accounts:platform_create",  # /platforms/nieuw/
    "accounts:platform_list",  # /platforms/
    "accounts:platform_retire",  # /platforms/<int:pk>/uit-gebruik/
    "accounts:platform_usage_edit",  # /doelgroepen/<int:pk>/platforms/<int:platform_pk>/
    "accounts:target_group_archive",  # /doelgroepen/<int:pk>/archiveren/
    "accounts:target_group_create",  # /doelgroepen/nieuw/
    "accounts:target_group_detail",  # /doelgroepen/<int:pk>/
    "accounts:target_group_edit",  # /doelgroepen/<int:pk>/bewerken/
    "accounts:target_group_list",  # /doelgroepen/
}
