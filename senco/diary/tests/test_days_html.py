"""The calendar's days, built in Python (senco/diary/html.py): escaped, with each event's
link, urgency, rule and legal source, and today marked."""

import datetime

from senco.diary.html import days_html
from senco.registry import DatedEvent

DAY = datetime.date(2026, 11, 27)


def test_a_day_lists_its_events_escaped_with_their_rule_and_source():
    events = [
        DatedEvent(
            DAY,
            "Annual review for <b>Amy</b> & Co",
            url="/pupils/1/?a=1&b=2",
            rule="within 4 weeks",
            source="SEND Regulations 2014, 20(9)",
            kind="Annual reviews",
            urgency="overdue",
        ),
        DatedEvent(DAY, "Plain <i>title</i>", urgency="soon"),
        DatedEvent(DAY, "Nothing more"),
    ]
    html = days_html([(DAY, events)], today=DAY)
    assert 'aria-labelledby="day-2026-11-27"' in html
    assert (
        'id="day-2026-11-27">Friday 27 November <strong class="govuk-tag govuk-tag--blue">' in html
    )
    assert (
        '<a class="govuk-link" href="/pupils/1/?a=1&amp;b=2">'
        "Annual review for &lt;b&gt;Amy&lt;/b&gt; &amp; Co</a>"
    ) in html
    assert "Plain &lt;i&gt;title&lt;/i&gt;" in html
    assert 'govuk-tag--red">Overdue</strong>' in html
    assert 'govuk-tag--orange">Due soon</strong>' in html
    assert (
        '<span class="govuk-hint govuk-!-font-size-16">Annual reviews. Rule: within 4 weeks '
        "(SEND Regulations 2014, 20(9))</span>"
    ) in html
    assert html.count("<li") == 3 and html.count("govuk-hint") == 1


def test_another_day_is_not_marked_today():
    html = days_html([(DAY, [DatedEvent(DAY, "A review")])], today=DAY + datetime.timedelta(1))
    assert "Today" not in html
    assert "Friday 27 November</h3>" in html
