"""Demo target groups, personas, platform usage and accounts: one gap in the matrix and one review due."""

import datetime

from django.utils import timezone

from accounts.models import Persona, Platform, PlatformAccount, PlatformAccountEvent, PlatformUsage, TargetGroup

Status = PlatformAccount.Status
Kind = PlatformAccount.Kind
F = PlatformUsage.Frequency
Form = PlatformUsage.Form

# (team index, name, age min, age max, area, size, description, needs)
TARGET_GROUPS = [
    (0, "meiden 12–16 Noord", 12, 16, "Noord", 180,
     "Meiden uit de wijk die elkaar vooral online spreken, in groepjes en via stories.",
     "Weerbaarheid online, sexting en groepsdruk, school en thuis."),
    (1, "jongens 14–18 Zuid", 14, 18, "Zuid", 220,
     "Jongens die gamen en elkaar op Snapchat en Discord opzoeken.",
     "Vrije tijd, werk en geld, conflicten die online beginnen."),
    (0, "ouders", None, None, "Noord", 400,
     "Ouders van jongeren in Noord, vooral via Facebook en WhatsApp bereikbaar.",
     "Weten wat hun kinderen online doen, waar ze terecht kunnen met zorgen."),
    (0, "lokale politiek", None, None, "gemeente", 30,
     "Raadsleden en wethouders die het jongerenwerk volgen.",
     "Zicht op wat het jongerenwerk doet en oplevert."),
]  # fmt: skip

# (group name, platform slug, frequency, forms, what the team does)
USAGE = [
    ("meiden 12–16 Noord", "instagram", F.DAILY, [Form.STORIES, Form.DMS, Form.COMMENTS], "Reageren op stories."),
    ("meiden 12–16 Noord", "snapchat", F.DAILY, [Form.STORIES, Form.GROUP_CHATS], "Korte check-ins na activiteiten."),
    ("meiden 12–16 Noord", "tiktok", F.DAILY, [Form.POSTS, Form.COMMENTS, Form.LIVE], "Nog niets: hier zit het gat."),
    ("jongens 14–18 Zuid", "snapchat", F.DAILY, [Form.STORIES, Form.DMS], "Bereikbaar na schooltijd."),
    ("jongens 14–18 Zuid", "discord", F.SOMETIMES, [Form.GROUP_CHATS, Form.LIVE], "In de buurthuis-server."),
    ("ouders", "facebook", F.DAILY, [Form.POSTS, Form.COMMENTS], "Activiteiten aankondigen, vragen beantwoorden."),
    ("ouders", "whatsapp", F.SOMETIMES, [Form.GROUP_CHATS, Form.DMS], "Oudergroep bij activiteiten."),
    ("lokale politiek", "x", F.SOMETIMES, [Form.POSTS], "Resultaten en verhalen delen."),
]  # fmt: skip

# (group name, name, age, story, goals, worries, habits, platform slugs, tone)
PERSONAS = [
    ("meiden 12–16 Noord", "Aisha (verzonnen)", 14,
     "Zit in de tweede klas, veel vriendinnen, deelt alles in groepjes.",
     "Erbij horen, later iets met zorg doen.", "Dat foto's worden doorgestuurd; ruzie in groepsapps.",
     "Elke avond stories, reageert op reels, weinig op Facebook.", ["instagram", "snapchat", "tiktok"],
     "Luchtig en direct, emoji's mogen, geen preek."),
    ("jongens 14–18 Zuid", "Kevin (verzonnen)", 16,
     "Gamet veel, zoekt een bijbaan, is snel klaar met instanties.",
     "Geld verdienen, zijn eigen ding doen.", "Schulden, gedoe met politie in de buurt.",
     "Discord in de avond, Snapchat overdag.", ["snapchat", "discord"], "Kort, eerlijk, zonder moeilijke woorden."),
    ("ouders", "Sandra (verzonnen)", 44, "Moeder van twee tieners, werkt in de zorg.",
     "Weten waar haar kinderen zijn en met wie.", "Wat haar dochter online meemaakt.",
     "Facebook in de pauze, WhatsApp met de klas.", ["facebook", "whatsapp"], "Rustig en informatief."),
]  # fmt: skip

# (owner key, team index, platform slug, handle, kind, status, group names, purpose, hours, credentials place)
ACCOUNTS = [
    ("jongerenwerker", 0, "instagram", "@sam.jongerenwerk.noord", Kind.PERSONAL_BUSINESS, Status.IN_REVIEW,
     ["meiden 12–16 Noord"], "Contact met meiden uit Noord, reageren op stories.", "ma–vr 13:00–21:00",
     "Wachtwoordmanager, kluis Team Noord"),
    ("jongerenwerker2", 0, "snapchat", "noor-jw-noord", Kind.PERSONAL_BUSINESS, Status.ACTIVE,
     ["meiden 12–16 Noord"], "Check-ins na activiteiten.", "di–za 14:00–22:00", "Wachtwoordmanager, kluis Team Noord"),
    ("jongerenwerker2", 0, "tiktok", "noor.jongerenwerk", Kind.PERSONAL_BUSINESS, Status.REQUESTED,
     ["meiden 12–16 Noord"], "Korte video's over weerbaarheid online.", "di–za 14:00–22:00",
     "Wachtwoordmanager, kluis Team Noord"),
    ("teamleider", 0, "facebook", "jongerenwerkdemo.noord", Kind.ORGANISATION, Status.ACTIVE, ["ouders"],
     "Activiteiten en nieuws voor ouders.", "ma–vr 9:00–17:00", "Wachtwoordmanager, kluis Organisatie"),
    ("teamleider", 0, "whatsapp", "+31612345678", Kind.ORGANISATION, Status.ACTIVE, ["ouders"],
     "WhatsApp Business voor ouders.", "ma–vr 9:00–17:00", "Telefoon in de kluis op kantoor Noord"),
    ("teamleider", 0, "x", "@jw_demo", Kind.ORGANISATION, Status.ACTIVE, ["lokale politiek"],
     "Resultaten delen met de gemeente.", "ma–vr 9:00–17:00", "Wachtwoordmanager, kluis Organisatie"),
    ("jongerenwerker-zuid", 1, "snapchat", "yara-jw-zuid", Kind.PERSONAL_BUSINESS, Status.ACTIVE,
     ["jongens 14–18 Zuid"], "Bereikbaar voor jongens uit Zuid.", "ma–vr 15:00–22:00",
     "Wachtwoordmanager, kluis Team Zuid"),
    ("jongerenwerker-zuid", 1, "discord", "yara.jw", Kind.PERSONAL_BUSINESS, Status.APPROVED,
     ["jongens 14–18 Zuid"], "Meedoen in de Discord-server van het buurthuis.", "wo en vr 19:00–22:00",
     "Wachtwoordmanager, kluis Team Zuid"),
]  # fmt: skip

PATH = {
    Status.REQUESTED: [Status.REQUESTED],
    Status.APPROVED: [Status.REQUESTED, Status.APPROVED],
    Status.ACTIVE: [Status.REQUESTED, Status.APPROVED, Status.ACTIVE],
    Status.IN_REVIEW: [Status.REQUESTED, Status.APPROVED, Status.ACTIVE, Status.IN_REVIEW],
}


def _groups(demo):
    groups = {}
    for team_index, name, age_min, age_max, area, size, description, needs in TARGET_GROUPS:
        groups[name], _created = TargetGroup.objects.update_or_create(
            team=demo["teams"][team_index],
            name=name,
            defaults={"age_min": age_min, "age_max": age_max, "area": area, "estimated_size": size,
                      "description": description, "needs": needs},
        )  # fmt: skip
    return groups


def _account(demo, platforms, groups, row):
    owner_key, team_index, slug, handle, kind, status, group_names, purpose, hours, place = row
    platform, owner, team = platforms[slug], demo["users"][owner_key], demo["teams"][team_index]
    lead = demo["users"]["teamleider" if team_index == 0 else "teamleider-zuid"]
    today = timezone.localdate()
    due = today - datetime.timedelta(days=2) if status == Status.IN_REVIEW else today + datetime.timedelta(days=120)
    account, created = PlatformAccount.objects.update_or_create(
        organisation=demo["organisation"],
        platform=platform,
        handle_normalised=platform.normalise_handle(handle),
        defaults={"team": team, "handle": handle, "kind": kind, "owner": owner, "requested_by": owner,
                  "status": status, "purpose": purpose, "working_hours": hours, "credentials_location": place,
                  "review_due_on": due if status in (Status.ACTIVE, Status.IN_REVIEW) else None,
                  "status_changed_at": timezone.now()},
    )  # fmt: skip
    account.target_groups.set([groups[name] for name in group_names])
    if created:
        steps = PATH[status]
        for old, new in zip(["", *steps], steps, strict=False):
            actor = lead if new == Status.APPROVED and owner != lead else (None if new == Status.IN_REVIEW else owner)
            PlatformAccountEvent.objects.create(account=account, old_status=old, new_status=new, actor=actor)


def seed(demo):
    """Fill the demo teams' target groups, usage, personas and accounts; safe to run again."""
    platforms = {platform.slug: platform for platform in Platform.objects.filter(organisation__isnull=True)}
    groups = _groups(demo)
    for group_name, slug, frequency, forms, activity in USAGE:
        PlatformUsage.objects.update_or_create(
            target_group=groups[group_name],
            platform=platforms[slug],
            defaults={"frequency": frequency, "communication_forms": list(forms), "team_activity": activity},
        )
    for group_name, name, age, story, goals, worries, habits, slugs, tone in PERSONAS:
        persona, _created = Persona.objects.update_or_create(
            target_group=groups[group_name],
            name=name,
            defaults={"age": age, "story": story, "goals": goals, "worries": worries, "online_habits": habits,
                      "tone": tone},
        )  # fmt: skip
        persona.preferred_platforms.set([platforms[slug] for slug in slugs])
    for row in ACCOUNTS:
        _account(demo, platforms, groups, row)
    return demo
