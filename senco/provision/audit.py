"""What the provision map writes to the audit log, in plain English."""

from django.db import models


class ProvisionAction(models.TextChoices):
    INTERVENTION_SAVE = "provision.intervention.save", "Changed the intervention offer"
    # The offer, groups and members (offer_*.py, group_*.py).
    INTERVENTION_ADD = "provision.intervention.add", "Added an intervention to the offer"
    INTERVENTION_STOP = "provision.intervention.stop", "Stopped offering an intervention"
    INTERVENTION_REMOVE = "provision.intervention.remove", "Removed an intervention from the offer"
    SUGGESTIONS_VIEW = (
        "provision.suggestions.view",
        "Saw the pupils suggested for an intervention",
    )
    GROUP_ADD = "provision.group.add", "Set up an intervention group"
    GROUP_SAVE = "provision.group.save", "Changed an intervention group"
    GROUP_VIEW = "provision.group.view", "Saw an intervention group and its members"
    MEMBER_ADD = "provision.member.add", "Added to an intervention group"
    MEMBER_SAVE = "provision.member.save", "Changed their place in an intervention group"
    MEMBER_FORM_VIEW = "provision.member.form", "Opened their place in an intervention group"
    PARENTS_TOLD = "provision.member.parents_told", "Recorded that parents were told"
    PARENTS_LIST_VIEW = (
        "provision.parents.list",
        "Saw the list of intervention groups' parents not yet told",
    )
    SCORE_ADD = "provision.score.add", "Recorded a score"
    SCORES_VIEW = "provision.scores.view", "Saw recorded scores"
    # The provision maps and their downloads (map_views.py).
    MAP_VIEW = "provision.map.view", "Saw a provision map"
    MAP_EXPORT = "provision.map.export", "Downloaded a provision map"
    PUPIL_MAP_VIEW = "provision.map.pupil", "Saw their provision map"
    PUPIL_MAP_EXPORT = "provision.map.pupil_export", "Downloaded their provision map"
    # Sessions, attendance and who is withdrawn when (session_*.py, for_teachers.py).
    MY_GROUPS_VIEW = "provision.my_groups.view", "Saw the intervention groups they deliver"
    SESSIONS_VIEW = "provision.sessions.view", "Saw an intervention group's sessions and attendance"
    SESSION_FORM_VIEW = "provision.session.form", "Opened the record of an intervention session"
    SESSION_ADD = "provision.session.add", "Recorded an intervention session and who attended"
    SESSION_SAVE = "provision.session.save", "Changed the record of an intervention session"
    WITHDRAWALS_VIEW = (
        "provision.withdrawals.view",
        "Saw which pupils are withdrawn from lessons for interventions",
    )
    # Links to section F of EHC plans and to cycles, and what is not happening (links.py).
    LINKS_VIEW = (
        "provision.links.view",
        "Saw what their place in an intervention group delivers for their plans",
    )
    LINK_ADD = "provision.link.add", "Linked an intervention group to their plan"
    LINK_REMOVE = (
        "provision.link.remove",
        "Removed a link between an intervention group and their plan",
    )
    GAPS_VIEW = (
        "provision.gaps.view",
        "Saw the interventions not happening: groups with no sessions, plans with no group",
    )
    # Impact and value for money, funding (impact_views.py, funding_*.py).
    IMPACT_VIEW = "provision.impact.view", "Saw the impact and cost of the interventions"
    IMPACT_INTERVENTION_VIEW = (
        "provision.impact.intervention",
        "Saw their scores and gain in an intervention's impact",
    )
    FUNDING_VIEW = "provision.funding.view", "Saw the SEN funding and top-up funding recorded"
    FUNDING_SAVE = "provision.funding.save", "Changed the notional SEN budget"
    TOP_UP_FORM_VIEW = "provision.top_up.form", "Opened their top-up funding"
    TOP_UP_ADD = "provision.top_up.add", "Recorded their top-up funding"
    TOP_UP_SAVE = "provision.top_up.save", "Changed their top-up funding"
    TOP_UP_REMOVE = "provision.top_up.remove", "Removed their top-up funding"
