"""The demo's register history: how each pupil on the register came to be there.

Pupils identified in school, arrived with SEN, carried over from an older register, moved
from SEN support to an EHC plan, given a new need, or taken off the register, with dated
changes from September 2024 and parents told a few days later (except a few, recently).
"""

import datetime
import random
from dataclasses import dataclass

from senco.accounts.models import User
from senco.demo.dates import days, event_dates, pick, school_day, term_start
from senco.demo.needs import (
    CONFIRMED_BY,
    EARLIER_NEED,
    EHC_ISSUED_REASONS,
    FINDINGS,
    OFF_REGISTER_REASONS,
    PRIMARY_NEED_WEIGHTS,
)
from senco.demo.outline import DEMO_TODAY, HISTORY_START
from senco.lib.codes import Need, Provision
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange
from senco.schools.models import School


@dataclass
class _Event:
    date: datetime.date
    to: tuple[str, str, str]
    reason: str
    source: str = RegisterChange.Source.MANUAL


class RegisterHistory:
    """Dated register events for one school's pupils, then the RegisterChange rows for them.

    `changes(...)` also sets each pupil's `on_register_since` and `parents_not_told` from the
    events, before the pupils are saved.
    """

    def __init__(self, rng: random.Random, phase: str, senco: User):
        self.rng = rng
        self.phase = phase
        self.senco = senco

    def events(self, pupils: list[Pupil]) -> tuple[dict[int, list[_Event]], set[int]]:
        """Dated events of each pupil who is or was on the register (by list index), and the
        pupils whose latest change the parents have not yet been told of."""
        rng = self.rng
        on_register = [i for i, p in enumerate(pupils) if p.sen_provision != Provision.NONE]
        not_told = set(rng.sample(on_register, round(0.03 * len(on_register))))
        histories = {i: self._history(pupils[i], recent=i in not_told) for i in on_register}
        # Some pupils came off the register after a spell at SEN support.
        off_pool = [
            i
            for i, p in enumerate(pupils)
            if p.sen_provision == Provision.NONE
            and p.year_group != 0
            and p.date_started < DEMO_TODAY - days(200)
        ]
        for i in rng.sample(off_pool, min(len(off_pool), round(0.025 * len(pupils)))):
            events = self._off_register(pupils[i])
            if events:
                histories[i] = events
        return histories, not_told

    def _identified_reason(self, need: str) -> str:
        who = self.rng.choice(
            ["class teacher", "class teacher and parents", "parents", "the phonics lead"]
            if self.phase == School.Phase.PRIMARY
            else ["form tutor", "English teacher", "head of year", "several subject teachers"]
        )
        return (
            f"Concerns raised by {who}; assessment by the SENCO showed {FINDINGS[need]}. "
            "Added at SEN support after a meeting with parents."
        )

    def _transfer_reason(self, pupil: Pupil, provision: str) -> str:
        if provision == Provision.EHC_PLAN:
            return (
                "Joined with an EHC plan naming the school, issued by the local authority; "
                "annual review date carried over."
            )
        at_entry = pupil.date_started == term_start(pupil.date_started.year)
        if at_entry and self.phase == School.Phase.PRIMARY:
            return (
                f"Identified at nursery ({FINDINGS[pupil.primary_need]}); information passed "
                "on at the transition meeting before starting in Reception. Added at SEN support."
            )
        if at_entry:
            return (
                "Transferred from primary school at SEN support; records and pupil passport "
                "passed on by the primary SENCO at the transition meeting."
            )
        return (
            "Joined from another school at SEN support; records received from the previous "
            "SENCO and reviewed with parents."
        )

    def _need_change_reason(self, before: tuple, after: tuple) -> str:
        if before[1] != after[1]:
            by = CONFIRMED_BY.get(after[1], "a specialist assessment")
            return (
                f"{Need(after[1]).label} confirmed by {by}; primary need updated from "
                f"{before[1]} to {after[1]}."
            )
        return (
            f"Secondary need of {after[2]} added after the termly review of the SEN support "
            "plan, with parents."
        )

    def _middle(self, final: tuple) -> tuple[tuple | None, int]:
        """The state before the final one, if the pupil had one, and the least days between."""
        rng = self.rng
        provision, need, second = final
        if provision == Provision.EHC_PLAN:
            earlier = need
            if need in EARLIER_NEED and rng.random() < 0.3:
                earlier = rng.choice(EARLIER_NEED[need])
            kept = second if second != earlier and rng.random() < 0.5 else ""
            return (Provision.SEN_SUPPORT, earlier, kept), 150
        if rng.random() < 0.15:
            if need in EARLIER_NEED and rng.random() < 0.6:
                return (Provision.SEN_SUPPORT, rng.choice(EARLIER_NEED[need]), ""), 60
            if second:
                return (Provision.SEN_SUPPORT, need, ""), 60
        return None, 0

    def _history(self, pupil: Pupil, recent: bool) -> list[_Event]:
        """How a pupil came to their present state, ending in the last 30 days if `recent`."""
        rng = self.rng
        final = (pupil.sen_provision, pupil.primary_need, pupil.secondary_need)
        start = pupil.date_started
        hi = DEMO_TODAY - days(1)
        final_range = (DEMO_TODAY - days(30), hi) if recent else None
        arrived_in_window = start >= HISTORY_START
        middle, gap = self._middle(final)
        # Joined the school with SEN already identified by the previous setting.
        if arrived_in_window and not recent and rng.random() < 0.5:
            return [_Event(start, final, self._transfer_reason(pupil, final[0]))]
        # On the register before the history began: carried over from the old register.
        if not arrived_in_window and not recent and rng.random() < 0.3:
            date = school_day(rng, start, HISTORY_START - days(1))
            reason = "Carried over from the school's previous SEN register (imported from the MIS)."
            if middle is None:
                return [_Event(date, final, reason, RegisterChange.Source.IMPORT)]
            later = school_day(rng, max(date + days(gap), HISTORY_START), hi)
            return [
                _Event(date, middle, reason, RegisterChange.Source.IMPORT),
                _Event(later, final, self._later_reason(middle, final)),
            ]
        # Identified here, then perhaps a plan or a diagnosis.
        lo = max(start, HISTORY_START)
        if middle is not None:
            dates = event_dates(rng, lo, hi, [gap], final_range)
            if dates is not None:
                return [
                    _Event(dates[0], middle, self._identified_reason(middle[1])),
                    _Event(dates[1], final, self._later_reason(middle, final)),
                ]
        if final[0] == Provision.EHC_PLAN:
            # Too recent a start for the school to have asked for the plan itself.
            if final_range is None:
                return [_Event(start, final, self._transfer_reason(pupil, final[0]))]
            date = school_day(rng, max(final_range[0], start), final_range[1])
            reason = (
                "EHC plan issued by the local authority after a needs assessment requested by "
                "the pupil's previous setting; the school is named in section I."
            )
            return [_Event(date, final, reason)]
        dates = event_dates(rng, lo, hi, [], final_range) or [school_day(rng, lo, hi)]
        return [_Event(dates[0], final, self._identified_reason(final[1]))]

    def _later_reason(self, before: tuple, after: tuple) -> str:
        if before[0] != after[0]:
            return self.rng.choice(EHC_ISSUED_REASONS)
        return self._need_change_reason(before, after)

    def _off_register(self, pupil: Pupil) -> list[_Event]:
        rng = self.rng
        lo = max(pupil.date_started, HISTORY_START)
        dates = event_dates(rng, lo, DEMO_TODAY - days(14), [120])
        if dates is None:
            return []
        need = pick(rng, PRIMARY_NEED_WEIGHTS[(Provision.SEN_SUPPORT, self.phase)])
        on = (Provision.SEN_SUPPORT, need, "")
        return [
            _Event(dates[0], on, self._identified_reason(need)),
            _Event(dates[1], (Provision.NONE, "", ""), rng.choice(OFF_REGISTER_REASONS)),
        ]

    def changes(self, pupils, histories, not_told_ids) -> list[RegisterChange]:
        rng, senco = self.rng, self.senco
        changes = []
        for i, events in histories.items():
            pupil = pupils[i]
            state = (Provision.NONE, "", "")
            since = None
            not_told = False
            for k, event in enumerate(events):
                last = k == len(events) - 1
                told = not (last and i in not_told_ids)
                told_on = None
                if told:
                    told_on = min(
                        school_day(rng, event.date + days(1), event.date + days(8)),
                        DEMO_TODAY,
                    )
                changes.append(
                    RegisterChange(
                        pupil=pupil,
                        effective_date=event.date,
                        from_provision=state[0],
                        to_provision=event.to[0],
                        from_primary_need=state[1],
                        to_primary_need=event.to[1],
                        from_secondary_need=state[2],
                        to_secondary_need=event.to[2],
                        reason=event.reason,
                        source=event.source,
                        parents_told=told,
                        parents_told_on=told_on,
                        changed_by=senco,
                    )
                )
                if state[0] == Provision.NONE and event.to[0] != Provision.NONE:
                    since = event.date
                if event.to[0] == Provision.NONE:
                    since = None
                not_told = not_told or not told
                state = event.to
            pupil.on_register_since = since
            pupil.parents_not_told = not_told
        return changes
