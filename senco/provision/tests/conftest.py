"""Fixtures shared by the provision tests (each part appends its own)."""

# The impact part's fixtures (impact_fixtures.py): standard_intervention, standard_group,
# reading_intervention, reading_group. Modules import them with
# a star import of `senco.provision.tests.impact_fixtures` (with noqa F403).

# The offer and groups part's fixtures (offer_fixtures.py): intervention (reading ages),
# group (running now, delivered by `ta`), member (`pupil` in `group`), with offer_data,
# group_data and reading_score. Import them with
# a star import of `senco.provision.tests.offer_fixtures` (with noqa F403).
