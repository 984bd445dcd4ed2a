"""Load the demo corpus through the real review workflow; safe to run again."""

import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Load cms/base/demo/ (specialties, people, channels, illustrations, diseases) and take "
            "every page through submit → checks → expert sign-off. Example: manage.py load_demo")

    def add_arguments(self, parser):
        parser.add_argument("--demo-dir", help="folder with the demo YAML files (default: cms/base/demo)")
        parser.add_argument("--quiet-logins", action="store_true", help="do not print demo logins")

    def handle(self, *args, demo_dir=None, quiet_logins=False, **options):
        from cms.base.demo_loader import DEMO_DIR, DemoLoader

        started = time.monotonic()
        report = DemoLoader(demo_dir or DEMO_DIR).run()
        kinds = sorted(set(report.created) | set(report.existing))
        for kind in kinds:
            made, had = report.created.get(kind, 0), report.existing.get(kind, 0)
            line = f"{kind}: {made} created"
            if had:
                line += f", {had} already loaded"
            self.stdout.write(line)
        if not report.created or set(report.created) == set():
            self.stdout.write("demo already loaded; nothing changed")
        for problem in report.problems:
            self.stderr.write(f"warning: {problem}")
        if not quiet_logins:
            self.stdout.write("demo logins (http://127.0.0.1:8000/admin/):")
            for role, username, password in report.logins:
                self.stdout.write(f"  {role:<28} {username:<14} {password}")
        self.stdout.write(f"done in {time.monotonic() - started:.1f} s")
