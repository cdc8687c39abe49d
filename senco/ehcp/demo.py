"""The demo trust's EHC plans.

Registered in capability.py as `DemoBuilder("ehcp", build, order=30)`, after the plans'
builder (they share each school's random generator, so the order is part of the data).
Every pupil with an EHC plan on the register gets one, from one of a few local authorities
near the school, with 3 to 6 items of each kind in section F, about one in six of them not
in place; about one review in seven is overdue and one in ten due within six weeks.
"""

import datetime

from senco.ehcp.authorities import NAMES
from senco.ehcp.models import EHCPlan, ProvisionItem
from senco.lib.codes import Provision
from senco.lib.statutory import add_months

# A few neighbouring authorities a trust's schools draw their plans from.
AUTHORITIES = ("886", "887", "845", "846", "938")
OFFICERS = (
    ("Priya Shah", "priya.shah@example.gov.uk", "01632 960 101"),
    ("Tom Whitfield", "tom.whitfield@example.gov.uk", "01632 960 214"),
    ("Aisha Mensah", "aisha.mensah@example.gov.uk", ""),
    ("", "", ""),
)
NEEDS = (
    "Autism: finds changes of routine, noise and unstructured times hard; needs help to "
    "understand what others mean and to say how they feel.",
    "Speech, language and communication needs: understands short instructions; expressive "
    "language well below age-related expectations.",
    "Specific learning difficulty (dyslexia) with working memory difficulties; reads and "
    "spells at about three years below age.",
    "Social, emotional and mental health needs: high anxiety, with times of withdrawal and "
    "of distress in class.",
)
OUTCOMES = (
    "By the end of the key stage, will read a text at their age level with understanding.\n"
    "Will ask an adult for help when stuck, in most lessons.",
    "Will take part in a group task for 20 minutes with a visual prompt.\n"
    "Will manage the move between lessons independently.",
    "Will use a strategy from their calm plan to return to learning within 10 minutes.",
)
ITEMS = {
    ProvisionItem.Kind.CLASSROOM: (
        ("Instructions given one step at a time, with a visual prompt", "Every teacher"),
        ("Seat near the front, away from the door", "Every teacher"),
        ("Pre-teaching of key vocabulary before a new topic", "Class teacher"),
        ("Extra time to process a question before answering (10 seconds)", "Every teacher"),
        ("Tasks broken into chunks with a checklist", "Every teacher"),
        ("Warning given of changes to the routine", "Every teacher"),
    ),
    ProvisionItem.Kind.INTERVENTION: (
        ("Speech and language therapy programme", "Teaching assistant"),
        ("Precision teaching of spelling", "Teaching assistant"),
        ("Social communication group", "SENCO"),
        ("Occupational therapy sensory circuit", "Teaching assistant"),
        ("Structured phonics catch-up", "Intervention teacher"),
        ("Emotional literacy support (ELSA)", "ELSA"),
    ),
    ProvisionItem.Kind.WHEN_STRUGGLING: (
        ("Time-out card: may go to the agreed calm space", "Every teacher"),
        ("Check-in with a trusted adult", "Key adult"),
        ("Movement break of 5 minutes", "Teaching assistant"),
        ("Use of the calm plan's breathing strategy, prompted by an adult", "Every teacher"),
        ("Work moved to a quieter area", "Teaching assistant"),
        ("Phone call home the same day to agree the next step", "Tutor"),
    ),
}
HOW_OFTEN = ("Daily", "3 times a week", "Twice a week", "Weekly")
HOW_LONG = ("15 minutes", "20 minutes", "30 minutes", "45 minutes")
# About a third of plans have an item of section F not in place (each item 1 in 33).
NOT_IN_PLACE = 0.03
OVERDUE = 0.14
DUE_SOON = 0.10


def build(demo) -> None:
    for school in demo.schools:
        _build_school(school, demo.today)


def _build_school(school, today: datetime.date) -> None:
    rng = school.rng
    pupils = [p for p in school.pupils if p.sen_provision == Provision.EHC_PLAN]
    local = rng.sample(AUTHORITIES, 3)
    plans = []
    for pupil in pupils:
        issued = today - datetime.timedelta(days=rng.randint(200, 5 * 365))
        roll = rng.random()
        if roll < OVERDUE:  # the last review more than a year ago
            last = add_months(today, -12) - datetime.timedelta(days=rng.randint(5, 60))
        elif roll < OVERDUE + DUE_SOON:  # due within six weeks
            last = add_months(today, -12) + datetime.timedelta(days=rng.randint(1, 40))
        else:
            last = today - datetime.timedelta(days=rng.randint(30, 300))
        last = None if last <= issued else last
        if last is None and roll >= OVERDUE + DUE_SOON:
            issued = today - datetime.timedelta(days=rng.randint(30, 300))
        code = rng.choice(local)
        officer = rng.choice(OFFICERS)
        plans.append(
            EHCPlan(
                pupil=pupil,
                la_code=code,
                la_name=NAMES[code],
                officer_name=officer[0],
                officer_email=officer[1],
                officer_phone=officer[2],
                issued_on=issued,
                last_review_on=last,
                status=EHCPlan.Status.IN_FORCE,
                needs=rng.choice(NEEDS),
                outcomes=rng.choice(OUTCOMES),
            )
        )
    EHCPlan.objects.bulk_create(plans)
    items = []
    for plan in plans:
        for kind, texts in ITEMS.items():
            for position, (what, who) in enumerate(rng.sample(texts, rng.randint(3, 6)), 1):
                in_place = rng.random() >= NOT_IN_PLACE
                since = plan.issued_on + datetime.timedelta(days=rng.randint(0, 60))
                items.append(
                    ProvisionItem(
                        plan=plan,
                        what=what,
                        who=who,
                        how_often=rng.choice(HOW_OFTEN) if kind != "classroom" else "Every lesson",
                        how_long=rng.choice(HOW_LONG) if kind == "intervention" else "",
                        kind=kind,
                        in_place=in_place,
                        in_place_since=min(since, today) if in_place else None,
                        evidence="Seen in lessons; noted at the last review" if in_place else "",
                        position=position,
                    )
                )
    ProvisionItem.objects.bulk_create(items, batch_size=500)
