"""The shared platform catalogue, with a rule for valid handles per platform."""

from django.db import migrations

# (slug, name, handle pattern on the normalised handle, profile URL domains, example)
CATALOGUE = [
    ("instagram", "Instagram", r"[a-z0-9._]{1,30}", "instagram.com instagr.am", "jongerenwerk.noord"),
    ("snapchat", "Snapchat", r"[a-z][a-z0-9._-]{2,14}", "snapchat.com", "jw-noord"),
    ("tiktok", "TikTok", r"[a-z0-9._]{2,24}", "tiktok.com", "jongerenwerknoord"),
    ("whatsapp", "WhatsApp", r"\+?[0-9]{8,15}", "wa.me api.whatsapp.com", "+31612345678"),
    ("facebook", "Facebook", r"[a-z0-9.]{5,50}", "facebook.com fb.com", "jongerenwerk.noord"),
    ("x", "X (Twitter)", r"[a-z0-9_]{1,15}", "x.com twitter.com", "jw_noord"),
    ("youtube", "YouTube", r"[a-z0-9._-]{3,30}", "youtube.com", "jongerenwerknoord"),
    ("discord", "Discord", r"[a-z0-9._]{2,32}", "discord.com discord.gg", "jw.noord"),
    ("twitch", "Twitch", r"[a-z0-9_]{4,25}", "twitch.tv", "jw_noord"),
    ("linkedin", "LinkedIn", r"(in/|company/)?[a-z0-9-]{3,100}", "linkedin.com", "in/sam-de-vries"),
]


def seed_catalogue(apps, schema_editor):
    Platform = apps.get_model("accounts", "Platform")
    for slug, name, pattern, domains, example in CATALOGUE:
        Platform.objects.update_or_create(
            organisation=None,
            slug=slug,
            defaults={"name": name, "handle_pattern": pattern, "url_domains": domains, "handle_example": example},
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_outreach_models")]

    operations = [migrations.RunPython(seed_catalogue, migrations.RunPython.noop)]
