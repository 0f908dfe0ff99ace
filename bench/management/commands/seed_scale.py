"""Fill an empty PostgreSQL database with a large organisation for `make bench`."""

import json
import random
import time
from dataclasses import asdict, fields, replace
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from bench.loader import Loader
from bench.seeders import SIZES, Context, context_from_database, seed_all


class Command(BaseCommand):
    help = "Seed a large organisation (bulk COPY) into an empty PostgreSQL database; prints rows per second."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="full", help="a named size (default: full)")
        parser.add_argument("--scale", type=float, default=1.0, help="multiply the records (not the people) by this")
        for name in (f.name for f in fields(SIZES["full"])):
            parser.add_argument(f"--{name.replace('_', '-')}", type=int, dest=name, help=f"override {name}")
        parser.add_argument("--random-seed", type=int, default=7)
        parser.add_argument(
            "--part",
            choices=["registration", "signals", "policy"],
            help="seed only this part into an organisation seeded earlier (a part that landed later)",
        )
        parser.add_argument("--json", help="also write the counts and timings to this file")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale loads with PostgreSQL COPY: set DATABASE_URL to a PostgreSQL database.")
        size = SIZES[options["size"]].scaled(options["scale"])
        size = replace(size, **{f.name: options[f.name] for f in fields(size) if options.get(f.name) is not None})
        self.stdout.write(f"Seeding {connection.settings_dict['NAME']}: {asdict(size)}")
        loader = Loader(self.stdout)
        rng, today = random.Random(options["random_seed"]), timezone.localdate()
        started = time.perf_counter()
        try:
            with transaction.atomic():
                if options["part"]:
                    context = context_from_database(size, loader, rng, today)
                    note = import_module(f"bench.seeders.{options['part']}").seed(context)
                    notes = [f"{options['part']}: {note}"] if note else []
                else:
                    notes = seed_all(Context(size=size, loader=loader, rng=rng, today=today))
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds = time.perf_counter() - started
        for note in notes:
            self.stdout.write(f"  skipped {note}")
        rate = loader.total_rows / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {loader.total_rows:,} rows in {seconds:.1f} s: {rate:,.0f} rows per second.")
        )
        if options["json"]:
            summary = {
                "size": asdict(size),
                "rows": loader.total_rows,
                "seconds": round(seconds, 2),
                "rows_per_second": round(rate),
                "tables": {table: {"rows": rows, "seconds": round(s, 2)} for table, (rows, s) in loader.tables.items()},
                "skipped": notes,
            }
            with open(options["json"], "w") as handle:
                json.dump(summary, handle, indent=2)
