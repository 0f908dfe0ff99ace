"""Contacts and time entries (together `size.entries`), with their themes and young people; funder agreements."""

from datetime import date, timedelta

from bench.seeders import models_or_none

CONTACT_SHARE = 0.6  # of the entries; the rest are time entries
CHANNELS = ["dm", "dm", "dm", "comment", "story_reply", "group_chat", "live", "offline_follow_up"]
ACTIONS = ['["listened"]', '["normalised"]', '["discussable", "informed"]', '["informed"]', '["referred"]']
ACTIVITIES = ["monitoring", "monitoring", "content", "group_conversation", "consultation", "intervision"]
ACTIVITIES += ["administration", "training"]
IMPRESSIONS = ["", "", "", "Rustig gesprek, vraag over school.", "Veel reacties op de story, positieve sfeer."]
# Durations in minutes as youth workers log them: mostly short, sometimes hours (10 min to 3 h per case).
DURATIONS = [10, 10, 15, 15, 15, 20, 20, 30, 30, 45, 60, 90, 120, 180]


def seed(context):
    """Seed the registration part, or say why not."""
    models = models_or_none("registration", "Contact", "TimeEntry", "Theme", "FunderAgreement", "AgreementGoal")
    if models is None:
        return "registration has no Contact and TimeEntry models on this branch yet"
    contact_model, entry_model, theme_model, agreement_model, goal_model = models
    themes = _themes(context, theme_model)
    days = [context.start + timedelta(days=n) for n in range((context.today - context.start).days + 1)]
    contacts = int(context.size.entries * CONTACT_SHARE)
    _contacts(context, contact_model, contacts, days, themes)
    _time_entries(context, entry_model, context.size.entries - contacts, days)
    _agreements(context, agreement_model, goal_model)
    return None


def _themes(context, theme_model):
    from registration.models import DEFAULT_THEMES

    created = theme_model.objects.bulk_create(
        theme_model(organisation=context.organisation, slug=slug, name=str(name), order=order)
        for order, (slug, name) in enumerate(DEFAULT_THEMES)
    )
    context.loader.record("registration_theme", len(created), 0.0)
    return [theme.pk for theme in created]


def _worker_teams(context):
    return [(user_id, team_id) for team_id, user_ids in context.workers.items() for user_id in user_ids]


def _contacts(context, model, count, days, themes):
    rng = context.rng
    loader = context.loader
    first_id = loader.next_id(model)
    workers = _worker_teams(context)
    platforms = context.platform_ids
    young_links, theme_links = [], []

    def rows():
        for n in range(count):
            pk = first_id + n
            worker, team = workers[n % len(workers)]
            group = rng.random() < 0.2
            if not group and rng.random() < 0.3:
                young_links.append((pk, rng.choice(context.young_people[team])))
            for theme in rng.sample(themes, 1 + (rng.random() < 0.4)):
                theme_links.append((pk, theme))
            yield (
                pk,
                team,
                worker,
                rng.choice(days),
                rng.choice(platforms),
                context.accounts.get(worker),
                rng.choice(CHANNELS),
                "group" if group else "individual",
                rng.randint(3, 15) if group else 1,
                rng.choice(context.target_groups[team]),
                rng.choice(ACTIONS),
                rng.choice(DURATIONS),
                rng.choice(IMPRESSIONS),
            )

    fields = (
        "id",
        "team_id",
        "worker_id",
        "date",
        "platform_id",
        "platform_account_id",
        "channel",
        "kind",
        "young_people_count",
        "target_group_id",
        "actions",
        "duration_minutes",
        "impression",
    )
    loader.copy(model, fields, rows())
    young_through = model.young_people.through
    loader.copy(young_through, ("contact_id", "youngperson_id"), young_links)
    loader.copy(model.themes.through, ("contact_id", "theme_id"), theme_links)


def _time_entries(context, model, count, days):
    rng = context.rng
    workers = _worker_teams(context)

    def rows():
        for n in range(count):
            worker, team = workers[n % len(workers)]
            yield (team, worker, rng.choice(days), rng.choice(DURATIONS), rng.choice(ACTIVITIES), "")

    context.loader.copy(model, ("team_id", "worker_id", "date", "duration_minutes", "activity", "note"), rows())


def _agreements(context, agreement_model, goal_model):
    """One agreement per calendar year of the period, for all teams, with goals and an hour budget."""
    manager = context.managers[0]
    goals = []
    for year in range(context.start.year, context.today.year + 1):
        agreement = agreement_model.objects.create(
            organisation=context.organisation,
            name=f"Online jongerenwerk {year}",
            funder="Gemeente Schaal",
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
            hour_budget=60_000,
            report_recipient_id=manager,
            created_by_id=manager,
        )
        agreement.teams.set(context.team_ids)
        goals += [
            goal_model(agreement=agreement, description="Online contacten per kwartaal", metric="contacts",
                       target=60_000, per="quarter"),
            goal_model(agreement=agreement, description="Uren online aanwezigheid per werker per week",
                       metric="hours_per_worker_week", target=4, per="week"),
        ]  # fmt: skip
    goal_model.objects.bulk_create(goals)
    context.loader.record("registration_funderagreement (+ goals)", len(goals), 0.0)
