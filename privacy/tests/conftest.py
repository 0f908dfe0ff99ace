"""The privacy tests share registration's frozen "today", platform and target group."""

from registration.tests.conftest import _frozen_today, group_a, platform

__all__ = ["_frozen_today", "group_a", "platform"]
