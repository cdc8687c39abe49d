from django.apps import AppConfig


class DiaryConfig(AppConfig):
    """The calendar: every dated event the capabilities declare, as a page, an iCalendar
    feed and emailed reminders. Named `diary` so as not to shadow Python's `calendar`."""

    name = "senco.diary"
    label = "diary"

    def ready(self):
        from senco.diary import capability  # noqa: F401  (declares what the app adds)
