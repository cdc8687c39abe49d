"""The demo trust and the benchmark: `manage.py seed_demo` and `manage.py bench`.

senco/demo/trust.py builds the core (trust, schools, terms, staff, pupils, history,
contacts, groups, TAs) and then runs every capability's `DemoBuilder` from the registry;
it never imports a capability. See docs/demo-and-bench.md.
"""
