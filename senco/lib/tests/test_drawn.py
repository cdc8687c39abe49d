"""HTML drawn once a process for each key (senco/lib/drawn.py)."""

from django import forms
from django.http import QueryDict

from senco.lib.drawn import Drawn, asked


def test_each_key_is_drawn_once():
    store, drawn = Drawn(kept=4), []

    def draw(key):
        def html():
            drawn.append(key)
            return f"<p>{key}</p>"

        return html

    assert store.once("a", draw("a")) == "<p>a</p>"
    assert store.once("b", draw("b")) == "<p>b</p>"
    assert store.once("a", draw("a")) == "<p>a</p>"
    assert drawn == ["a", "b"]


def test_the_store_never_grows_past_what_it_keeps():
    store = Drawn(kept=4)
    for n in range(50):
        assert store.once(n, lambda n=n: str(n)) == str(n)
        assert 1 <= len(store) <= 4
    # What was let go is drawn again, and right.
    assert store.once(0, lambda: "0 again") == "0 again"
    store.clear()
    assert len(store) == 0


class _Form(forms.Form):
    name = forms.CharField(required=False)
    year = forms.IntegerField(required=False)
    ticked = forms.BooleanField(required=False)


def test_asked_is_what_each_field_reads_from_the_query_string():
    assert asked(_Form()) is None
    assert asked(_Form(QueryDict("name=Amy&year=7&year=8&other=x"))) == ("Amy", "8", None)
    assert asked(_Form(QueryDict("ticked=on"))) == (None, None, "on")
    # A repeated name counts as its widget reads it: the last.
    form = _Form(QueryDict("year=7&year=8"))
    assert form["year"].value() == "8"
