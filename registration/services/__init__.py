"""Every state change of contact registration and time (entries, periods, young people, agreements)."""

from registration.services.agreements import agreement_save, budget_set_member, budget_set_team
from registration.services.entries import (
    contact_create,
    contact_delete,
    contact_follow_up_done,
    contact_update,
    day_total_warning,
    period_ensure_open,
    theme_add,
    theme_seed_defaults,
    theme_set_active,
    time_entry_create,
    time_entry_delete,
    time_entry_update,
)
from registration.services.periods import month_approve, month_reopen
from registration.services.young_people import (
    ERASURE_CHECKS,
    young_person_create,
    young_person_erase,
    young_person_erasure_refusal,
    young_person_export_data,
    young_person_merge,
    young_person_update,
)

__all__ = [
    "ERASURE_CHECKS",
    "agreement_save",
    "budget_set_member",
    "budget_set_team",
    "contact_create",
    "contact_delete",
    "contact_follow_up_done",
    "contact_update",
    "day_total_warning",
    "month_approve",
    "month_reopen",
    "period_ensure_open",
    "theme_add",
    "theme_seed_defaults",
    "theme_set_active",
    "time_entry_create",
    "time_entry_delete",
    "time_entry_update",
    "young_person_create",
    "young_person_erase",
    "young_person_erasure_refusal",
    "young_person_export_data",
    "young_person_merge",
    "young_person_update",
]
