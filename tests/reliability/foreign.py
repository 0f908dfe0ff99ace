"""The foreign-ids run: one object URL called with many ids of objects the person may not see."""

import os
import random
from dataclasses import dataclass, field

from django.urls import reverse

from tests.reliability.access import ANON, OTHER_ORG, OWN, ROLES
from tests.reliability.matrix import invisible_scopes, post_form, sees_objects

# Ids per object URL. `make test-long` sets 1,000 (the figure) and samples 10 for every other role;
# `make test` spreads 1,000 ids over the object URLs (at least 10 each) with 5 random ids and samples 3
# per other role, to stay within minutes over ~70 object URLs: every call is a real request (~14 queries).
FOREIGN_IDS_ENV = os.environ.get("JW_FOREIGN_IDS", "")


def foreign_ids_per_url(object_urls):
    if FOREIGN_IDS_ENV:
        return int(FOREIGN_IDS_ENV)
    return max(10, min(1000, 1000 // max(object_urls, 1)))


RANDOM_IDS = int(os.environ.get("JW_RANDOM_IDS", "5"))
# The other roles are called with a sample of the same ids (the youth worker gets them all).
SAMPLE_PER_ROLE = int(os.environ.get("JW_FOREIGN_SAMPLE", "3"))


@dataclass
class ForeignResult:
    calls: int = 0
    not_404: list = field(default_factory=list)


def random_kwargs(route, world, rng):
    if route.random_kwargs:
        return route.random_kwargs(rng.randrange(10**9, 2**62))
    return {key: rng.randrange(10**9, 2**62) for key in route.obj(world, OWN)}


def run_foreign(route, world, n=1000, randoms=RANDOM_IDS, sample=SAMPLE_PER_ROLE, seed=8):
    rng = random.Random(seed)
    created = {scope: route.foreign(world, scope, n // 2) for scope in invisible_scopes(route, "youth_worker")}
    randoms = [random_kwargs(route, world, rng) for _ in range(randoms)]
    methods = ["GET"] + (["POST"] if route.post else [])
    result = ForeignResult()
    for role in ROLES:
        if role == ANON:
            continue
        kwargs_list = [kw for scope in invisible_scopes(route, role) for kw in created[scope]]
        if role != "youth_worker":
            kwargs_list = rng.sample(kwargs_list, min(sample, len(kwargs_list)))
        client = world.client(role)
        for kwargs in [*kwargs_list, *randoms]:
            url = reverse(route.name, kwargs=kwargs)
            for method in methods:
                if method == "GET" and not route.get:
                    continue
                response = client.get(url) if method == "GET" else post_form(client, url, {})
                result.calls += 1
                expected = (404,) if sees_objects(route, role) else (403, 404)
                if response.status_code not in expected:
                    result.not_404.append(f"{method} {url} as {role}: {response.status_code}")
    assert created.get(OTHER_ORG), "the route's `foreign` builder made no objects of another organisation"
    return result
