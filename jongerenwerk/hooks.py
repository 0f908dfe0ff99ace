"""Lets each app add its own menu items and home-page panels without the others knowing it.

An app may have `navigation.py` with `nav_items(request)` and `panels.py` with
`home_panels(request)`; both return lists and must not query per item.
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec


@dataclass(frozen=True)
class Panel:
    """One block on the home page; lower `order` shows higher (urgent work first)."""

    template: str
    order: int = 100
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NavItem:
    """One menu entry; `url_name` is reversed in the template."""

    label: str
    url_name: str
    icon: str = ""
    order: int = 100


PROJECT_APPS = ("accounts", "registration", "signals", "policy", "notifications", "audit", "privacy")


@cache
def app_modules(module_name):
    """The `module_name` modules of the project's apps that have one, in PROJECT_APPS order."""
    found = []
    for app in PROJECT_APPS:
        if find_spec(f"{app}.{module_name}") is not None:
            found.append(import_module(f"{app}.{module_name}"))
    return tuple(found)


def collect(module_name, function_name, request):
    """Call `function_name(request)` in every app that has it, and join the lists."""
    items = []
    for module in app_modules(module_name):
        items.extend(getattr(module, function_name)(request))
    return items
