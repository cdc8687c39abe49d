"""Ask the teachers of every pupil whose review is within two weeks for their views.

`manage.py run_schedules` runs this every morning; this command runs it by hand. A
teacher who has already been asked about a cycle is not asked again.
"""

from django.core.management.base import BaseCommand

from senco.plans.services import teacher_views_request_due


class Command(BaseCommand):
    help = "Ask teachers for their views on every open cycle whose review is within 14 days."

    def handle(self, *args, **options):
        self.stdout.write(teacher_views_request_due())
