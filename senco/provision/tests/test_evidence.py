"""Interventions offered as evidence: the summary page's totals, and parents not told."""

from django.utils import timezone

from senco.provision.evidence import parents_told_figures, provision_figures

TODAY = timezone.localdate()


def test_nothing_to_say_without_interventions(school):
    assert provision_figures(school, TODAY, False) == []


def test_parents_not_told_of_a_place(school):
    (figure,) = parents_told_figures(school, TODAY, False)
    assert figure.value == "0"
    assert figure.url == f"/school/{school.urn}/intervention-groups/parents-not-told/"
    assert "6.43" in figure.source
