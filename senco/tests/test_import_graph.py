"""The house rules about imports between apps hold (python -m senco.import_graph)."""

from senco import import_graph as g


def test_the_project_keeps_the_rules():
    assert g.breaches(g.module_edges()) == []


def test_the_core_importing_a_capability_is_caught():
    found = g.breaches([("senco.pupils.views", "senco.plans.selectors")])
    assert found == ["core imports a capability: senco.pupils.views -> senco.plans.selectors"]


def test_a_capability_reaching_past_selectors_and_services_is_caught():
    assert g.breaches([("senco.plans.views", "senco.profiles.selectors")]) == []
    assert g.breaches([("senco.plans.views", "senco.profiles.services")]) == []
    found = g.breaches([("senco.plans.views", "senco.profiles.models")])
    assert found == [
        "plans reaches into profiles past its selectors/services: senco.profiles.models"
    ]


def test_lib_importing_an_app_is_caught():
    found = g.breaches([("senco.lib.clock", "senco.schools.models")])
    assert "lib imports beyond lib: senco.lib.clock -> senco.schools.models" in found


def test_a_cycle_between_apps_is_caught():
    found = g.breaches(
        [
            ("senco.pupils.views", "senco.register.forms"),
            ("senco.register.models", "senco.pupils.models"),
        ]
    )
    assert found == ["import cycle between apps: pupils -> register -> pupils"]


def test_the_gate_modules_make_no_cycle():
    edges = [("senco.pupils.views", "senco.access"), ("senco.access", "senco.pupils.models")]
    assert g.breaches(edges) == []


def test_every_app_is_named():
    assert g.app_of("senco.plans.views") == "plans"
    assert g.app_of("senco.access") == "access"
    assert g.app_of("senco.views") == "senco"
    assert g.app_of("senco.templatetags.senco_tags") == "senco"
