"""What each part of the product contributes to the benchmark: its pages and its exports.

A part whose code is not on this branch yet raises `NotReady` with the reason; the harness writes a
"not measured: <reason>" row for it. When a part lands, its entries here point at its real URLs and
export functions.
"""

from collections.abc import Callable
from dataclasses import dataclass

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
    reset: Callable = None  # (manager, year) -> None: undo what an export changed, so each run is a first export


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
    Page("contact_quick_post", "Contact quick-form POST", "registering_worker", "registration",
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


def _registration_export(key, label, goal_ratio, write, sql, **extra):
    return Export(key, label, "registration", goal_ratio, _lazy("registration", write), _lazy("registration", sql),
                  reset=_lazy("registration", "reset_exported"), **extra)  # fmt: skip


EXPORTS = [
    _registration_export("funder_csv", "Funder hour report, one year, all teams: CSV (detail rows and totals)", 1.5,
                         "write_csv", "detail_sql"),
    _registration_export("funder_xlsx", "Funder hour report: XLSX (breakdowns and detail rows)", 3.0, "write_xlsx",
                         "workbook_sql"),
    _registration_export("funder_pdf", "Funder hour report: PDF (totals, breakdowns, hours chart)", 3.0, "write_pdf",
                         "aggregate_sql"),
    _registration_export("contacts_detail", "Detail export of all contacts, one year", 2.0, "write_contacts",
                         "contacts_sql", memory_goal_mb=300),
]  # fmt: skip


def export_by_key(key):
    return next(export for export in EXPORTS if export.key == key)


def page_by_key(key):
    return next(page for page in PAGES if page.key == key)
