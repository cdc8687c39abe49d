"""The demo trust's parents with accounts: registered as `DemoBuilder("parents", build,
order=48)`.

At each school, four families of pupils on the register use senco as parents (their
username is the contact's email address, their password the demo staff's), a few have
sent their views, two have asked for a meeting (one answered by the SENCO) and one more
contact has an invitation waiting. Only contacts who may be told about the pupil and have
an email address. Draws only from the school's generator.
"""

import datetime
import hashlib

from senco.accounts.models import ParentInvitation, ParentLink, User
from senco.lib.codes import ON_REGISTER
from senco.parents.models import MeetingRequest, ParentViews
from senco.pupils.models import Contact

FAMILIES = 4
GOING_WELL = (
    "He has made a friend in his class and talks about him every day.",
    "She is reading at bedtime without being asked.",
    "The visual timetable has made mornings much calmer.",
)
WORRIES = (
    "Homework takes hours and ends in tears most nights.",
    "Lunchtimes are hard: he says he has nobody to sit with.",
    "She is very tired after school and we are not sure why.",
)
HOPES = (
    "Could the reading group carry on next term?",
    "We would like to know what we can do at home to help.",
    "A quiet place to go at lunchtime would help.",
)
ASKED = (
    ("His homework: can it be shorter on the days he has the reading group?", "Phone after 3pm"),
    ("We would like to talk about moving up to the next year.", "Any morning"),
)
ANSWER = "Thank you. Mrs {senco} will meet you on Tuesday at 3.30pm in the learning support base."


def build(demo) -> None:
    # The demo staff's password (its hash, as saved): one password for the whole demo.
    password = demo.schools[0].senco.password if demo.schools else "!"
    taken = set(User.objects.values_list("username", flat=True))
    for school in demo.schools:
        _build_school(demo, school, password, taken)


def _build_school(demo, ds, password, taken) -> None:
    rng = ds.rng
    today = demo.today
    contacts = list(
        Contact.objects.filter(
            pupil__school=ds.school,
            pupil__sen_provision__in=ON_REGISTER,
            no_contact=False,
            no_information=False,
        )
        .exclude(email="")
        .select_related("pupil")
        .order_by("pk")[:80]
    )
    chosen, spare, seen = [], [], set()
    for contact in rng.sample(contacts, len(contacts)):
        email = contact.email.lower()
        if email in taken or email in seen or contact.pupil_id in {c.pupil_id for c in chosen}:
            continue
        seen.add(email)
        (chosen if len(chosen) < FAMILIES else spare).append(contact)
        if spare:
            break
    if not chosen:
        return
    users = []
    for contact in chosen:
        first, _, last = contact.name.partition(" ")
        users.append(
            User(
                username=contact.email.lower(),
                email=contact.email.lower(),
                password=password,
                first_name=first,
                last_name=last,
            )
        )
        taken.add(contact.email.lower())
    users = User.objects.bulk_create(users)
    ParentLink.objects.bulk_create(
        ParentLink(user=user, contact=contact) for user, contact in zip(users, chosen, strict=True)
    )
    # Views from three families, the older ones read by the SENCO.
    for n, (user, contact) in enumerate(list(zip(users, chosen, strict=True))[:3]):
        sent_on = ds.weekday(
            today - datetime.timedelta(days=40), today - datetime.timedelta(days=1)
        )
        views = ParentViews.objects.create(
            pupil=contact.pupil,
            contact=contact,
            written_by=user,
            going_well=GOING_WELL[n % len(GOING_WELL)],
            worries=WORRIES[rng.randrange(len(WORRIES))],
            hopes=HOPES[rng.randrange(len(HOPES))] if rng.random() < 0.7 else "",
        )
        read_at = ds.moment(sent_on + datetime.timedelta(days=2)) if n == 0 else None
        ParentViews.objects.filter(pk=views.pk).update(
            created_at=ds.moment(sent_on), read_at=read_at
        )
    # Two requests for a meeting: the first answered, the second waiting.
    senco = ds.senco
    for n, (user, contact) in enumerate(list(zip(users, chosen, strict=True))[-2:]):
        about, when = ASKED[n]
        asked_on = ds.weekday(
            today - datetime.timedelta(days=20), today - datetime.timedelta(days=2)
        )
        answered = n == 0
        request = MeetingRequest.objects.create(
            pupil=contact.pupil,
            contact=contact,
            asked_by=user,
            about=about,
            when=when,
            status=MeetingRequest.Status.ARRANGED if answered else MeetingRequest.Status.OPEN,
            answer=ANSWER.format(senco=senco.last_name or senco.username) if answered else "",
            answered_by=senco if answered else None,
            answered_at=ds.moment(asked_on + datetime.timedelta(days=1)) if answered else None,
            version=2 if answered else 1,
        )
        MeetingRequest.objects.filter(pk=request.pk).update(created_at=ds.moment(asked_on))
    # One invitation waiting (its link is not known to anyone: the demo shows it as sent).
    for contact in spare[:1]:
        sent_on = ds.weekday(today - datetime.timedelta(days=5), today)
        token = f"demo-{ds.school.urn}-{rng.getrandbits(64)}"
        invitation = ParentInvitation.objects.create(
            contact=contact,
            email=contact.email,
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            created_by=senco,
            expires_at=ds.moment(sent_on) + datetime.timedelta(days=14),
        )
        ParentInvitation.objects.filter(pk=invitation.pk).update(created_at=ds.moment(sent_on))
