"""The calendar gathers every capability's events through the registry and imports none."""

from senco.import_graph import breaches, module_edges


def test_the_calendar_imports_no_capability():
    assert [b for b in breaches(module_edges()) if "diary" in b] == []


def test_the_rule_catches_the_calendar_reaching_into_a_capability():
    found = breaches([("senco.diary.views", "senco.ehcp.selectors")])
    assert found == ["diary gathers through the registry, yet imports senco.ehcp.selectors"]
    assert breaches([("senco.diary.views", "senco.registry")]) == []
