"""What each part of the product contributes to the benchmark: its pages and its exports.

A part whose code is not on this branch yet raises `NotReady` with the reason; the harness writes a
"not measured: <reason>" row for it. When a part lands, its entries here point at its real URLs and
export functions.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


class NotReady(Exception):
    """A part's code (a URL, a model, an export function) is not on this branch yet."""


@dataclass(frozen=True)
class Page:
    """A page measured over HTTP (p50/p95 against the floor) and in-process (queries per page)."""

    key: str
    label: str
    persona: str
    part: str
    target: Callable  # (user) -> {"url", "method", "form_url"?, "data"?}; raises NotReady
    goal: bool = True  # counts for the goals (p95 <= 3x floor, <= 15 queries)


@dataclass(frozen=True)
class Export:
    """An export through the app's own code, against PostgreSQL writing the same rows with COPY."""

    key: str
    label: str
    part: str
    goal_ratio: float
    write: Callable  # (manager, year, binary file) -> rows written; raises NotReady
    baseline_sql: Callable  # (manager, year) -> SQL for COPY (...) TO STDOUT; raises NotReady
    memory_goal_mb: float = None
    notes: list = field(default_factory=list)


def url(part, name, *args, query=""):
    """The path of a named URL, or NotReady while the part has not defined it."""
    try:
        path = reverse(name, args=args)
    except NoReverseMatch as error:
        raise NotReady(f"{part} has no URL named '{name}' on this branch yet") from error
    return f"{path}?{query}" if query else path


def get(part, name, *args, query=""):
    return {"url": url(part, name, *args, query=query), "method": "GET"}


def _lazy(module, function):
    """A part's target resolved when called, so the registry imports without the part's code."""

    def target(*args):
        from importlib import import_module

        return getattr(import_module(f"bench.parts.{module}"), function)(*args)

    return target


FLOOR = Page("floor", "Floor: /gezond/ (one indexed query, tiny template)", "worker", "foundation",
             lambda user: get("foundation", "health"), goal=False)  # fmt: skip

PAGES = [
    FLOOR,
    Page("worker_home", "Worker's home", "worker", "foundation", lambda user: get("foundation", "home")),
    Page("notifications", "Worker's notifications", "worker", "notifications",
         lambda user: get("notifications", "notifications:list")),
    Page("week_view", "Worker's week view", "worker", "registration", _lazy("registration", "week_view")),
    Page("contact_quick_post", "Contact quick-form POST", "worker", "registration",
         _lazy("registration", "contact_quick_post")),
    Page("signal_queue", "Team lead's signal queue", "lead", "signals", _lazy("signals", "queue")),
    Page("signal_page", "Signal page (team lead)", "lead", "signals", _lazy("signals", "signal_page")),
    Page("manager_report", "Manager's report page (one year, all teams)", "manager", "registration",
         _lazy("registration", "manager_report")),
    Page("ack_report", "Acknowledgement completion report (organisation-wide version)", "manager", "policy",
         _lazy("policy", "completion_version")),
    Page("ack_overview", "Acknowledgement completion overview", "manager", "policy",
         _lazy("policy", "completion_overview")),
]  # fmt: skip

EXPORTS = [
    Export("funder_csv", "Funder hour report, one year, all teams: CSV (detail rows and totals)", "registration",
           1.5, _lazy("registration", "write_csv"), _lazy("registration", "detail_sql")),
    Export("funder_xlsx", "Funder hour report: XLSX (breakdowns and detail rows)", "registration", 3.0,
           _lazy("registration", "write_xlsx"), _lazy("registration", "workbook_sql")),
    Export("funder_pdf", "Funder hour report: PDF (totals, breakdowns, hours chart)", "registration", 3.0,
           _lazy("registration", "write_pdf"), _lazy("registration", "aggregate_sql")),
    Export("contacts_detail", "Detail export of all contacts, one year", "registration", 2.0,
           _lazy("registration", "write_contacts"), _lazy("registration", "contacts_sql"), memory_goal_mb=300),
]  # fmt: skip


def export_by_key(key):
    return next(export for export in EXPORTS if export.key == key)


def page_by_key(key):
    return next(page for page in PAGES if page.key == key)
