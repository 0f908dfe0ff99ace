"""Create (or bring up to date) the demo organisation. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from jongerenwerk.hooks import app_modules


class Command(BaseCommand):
    help = "Maakt de demo-organisatie 'Jongerenwerk Demo' met teams, mensen en voorbeeldgegevens."

    def handle(self, *args, **options):
        demo = {}
        with transaction.atomic():
            # Each app's demo.py adds its part, in the order of PROJECT_APPS (accounts first).
            for module in app_modules("demo"):
                module.seed(demo)
        self.stdout.write(self.style.SUCCESS("Demo-organisatie 'Jongerenwerk Demo' staat klaar."))
        self.stdout.write(f"Wachtwoord voor iedereen: {demo['password']}")
        for label, user in demo["logins"]:
            self.stdout.write(f"  {label:<38} {user.email}")
        self.stdout.write("Open http://127.0.0.1:8000 en log in met een van deze adressen.")
