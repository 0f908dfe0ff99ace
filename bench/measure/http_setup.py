"""Before the HTTP measurements: logged-in sessions and the resolved URL of every page, per person.

Writes a JSON file that `bench.measure.pages` and the locustfile read (they need no Django):
- `pages`: each page's URL for its persona (or why it cannot be measured yet), with that persona's session;
- `load_users`: for the load test, one session per simulated person (each its own session, as in real
  use, so they do not queue on one session row), with the URLs of the pages for that person's role.
"""

import argparse

from bench.measure import setup_django, write_json

LOAD_ROLES = {"worker": "youth_worker", "lead": "team_lead", "manager": "manager"}


def targets(user):
    """Every page resolved for `user`, or the reason it cannot be measured yet."""
    from bench.parts import PAGES, NotReady

    pages = {}
    for page in PAGES:
        entry = {"label": page.label, "persona": page.persona, "part": page.part, "goal": page.goal}
        try:
            entry.update(page.target(user))
        except NotReady as reason:
            entry["not_ready"] = str(reason)
        pages[page.key] = entry
    return pages


def load_users(count):
    """Up to `count` people per role for the load test, spread over the teams, each with a session."""
    from accounts.models import Membership, User
    from bench.personas import session_key_for
    from bench.seeders.people import DOMAIN

    result = {}
    for persona, role in LOAD_ROLES.items():
        by_team = {}
        # In the order they were seeded: the first workers of each team have acknowledged all policy.
        rows = Membership.objects.filter(role=role, user__email__endswith=f"@{DOMAIN}").order_by("user_id")
        for user_id, team_id in rows.values_list("user_id", "team_id"):
            by_team.setdefault(team_id, []).append(user_id)
        # Round-robin over the teams: the first person of each team, then the second, and so on.
        longest = max(map(len, by_team.values()), default=0)
        ordered = [ids[i] for i in range(longest) for ids in by_team.values() if i < len(ids)][:count]
        people = User.objects.in_bulk(ordered)
        result[persona] = [
            {"email": people[pk].email, "session": session_key_for(people[pk]), "pages": targets(people[pk])}
            for pk in ordered
        ]
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--load-users", type=int, default=50, help="sessions per role for the load test")
    args = parser.parse_args()
    setup_django()
    from bench.personas import load_personas, session_key_for

    pages = {}
    sessions = {}
    for persona, user in load_personas().items():
        sessions[persona] = session_key_for(user)
        for key, entry in targets(user).items():
            if entry["persona"] == persona:
                pages[key] = entry
    write_json(args.out, {"sessions": sessions, "pages": pages, "load_users": load_users(args.load_users)})


if __name__ == "__main__":
    main()
