"""Ask the teachers of every pupil whose review is within two weeks for their views.

Run daily (for example from cron: `python manage.py request_teacher_views`). A teacher who
has already been asked about a cycle is not asked again.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from senco.audit.actor import Actor
from senco.plans.selectors import open_cycles_due_for_views
from senco.plans.services import view_requests_create


class Command(BaseCommand):
    help = "Ask teachers for their views on every open cycle whose review is within 14 days."

    def handle(self, *args, **options):
        today = timezone.localdate()
        cycles = 0
        asked = 0
        for cycle in open_cycles_due_for_views(today=today):
            n = view_requests_create(actor=Actor.system(), cycle=cycle)
            cycles += 1 if n else 0
            asked += n
        self.stdout.write(f"Asked {asked} teacher(s) about {cycles} pupil(s).")
