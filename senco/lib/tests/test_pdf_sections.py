"""A long PDF laid out in runs side by side (senco/lib/pdf.py sections_to_pdf) and joined
(senco/lib/pdf_join.py) is the PDF one process makes: the same pages, structure tree,
outline and language, with a parent tree a reader can follow."""

import io
import logging
import os
import re
import threading

import pikepdf
import pytest

from senco.lib import pdf

SECTIONS = [
    "<section><h1>Class sheets</h1><h2 id='g1'>Group 1</h2>"
    + "<p>Tasks broken into chunks with a checklist.</p>" * 30
    + "</section>",
    *(
        f"<section style='break-before: page'><h2 id='g{n}'>Group {n}</h2>"
        + f"<p>Group {n}: <a href='#g{n}'>back to the top</a> and a word mat.</p>" * (n * 12)
        + "<ul><li>Seat near the front</li><li>Extra time</li></ul></section>"
        for n in range(2, 7)
    ),
]


def document(body: str) -> str:
    return (
        "<!DOCTYPE html><html lang='en-GB'><head><title>Sheets</title>"
        "<style>@page { size: A6; }</style></head>"
        f"<body>{body}</body></html>"
    )


def made_in(processes: int, monkeypatch) -> bytes:
    monkeypatch.setattr(pdf, "pdf_processes", lambda sections: processes)
    return pdf.sections_to_pdf(SECTIONS, document)


def structure(pdf_file: pikepdf.Pdf):
    """The structure tree in reading order: each element's type, its page's number and
    the marked content it holds directly."""
    pages = {page.objgen: n for n, page in enumerate(pdf_file.pages)}
    out = []

    def walk(element, depth):
        if isinstance(element, pikepdf.Array):
            for kid in element:
                walk(kid, depth)
            return
        if not isinstance(element, pikepdf.Dictionary):
            out.append((depth, "mcid", int(element)))
            return
        if "/S" not in element:  # a link's annotation or a mark on another page
            out.append((depth, str(element.get("/Type")), None))
            return
        page = pages.get(element.Pg.objgen) if "/Pg" in element else None
        out.append((depth, str(element.get("/S")), page))
        walk(element.get("/K", pikepdf.Array()), depth + 1)

    walk(pdf_file.Root.StructTreeRoot.K[0], 0)
    return out


def outline(pdf_file: pikepdf.Pdf):
    pages = {page.objgen: n for n, page in enumerate(pdf_file.pages)}
    with pdf_file.open_outline() as tree:

        def items(level):
            return [
                (str(item.title), pages[item.destination[0].objgen], items(item.children))
                for item in level
            ]

        return items(tree.root)


def test_runs_joined_are_the_pdf_one_process_makes(monkeypatch):
    one = pikepdf.open(io.BytesIO(made_in(1, monkeypatch)))
    three = pikepdf.open(io.BytesIO(made_in(3, monkeypatch)))
    assert len(three.pages) == len(one.pages) > len(SECTIONS)
    assert structure(three) == structure(one)
    assert outline(three) == outline(one)
    assert outline(one)[0][0] == "Class sheets"  # the groups nest under the title
    assert [title for title, _, _ in outline(one)[0][2]] == [f"Group {n}" for n in range(1, 7)]
    assert str(three.Root.Lang) == "en-GB"
    assert bool(three.Root.MarkInfo.Marked)
    assert str(three.docinfo["/Title"]) == "Sheets"


def test_the_joined_parent_tree_leads_from_each_mark_to_its_element(monkeypatch):
    joined = pikepdf.open(io.BytesIO(made_in(3, monkeypatch)))
    tree = joined.Root.StructTreeRoot
    nums = tree.ParentTree.Nums
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert len(entries) == len(nums) // 2  # no number used twice
    assert int(tree.ParentTreeNextKey) == max(entries) + 1
    destinations = pikepdf.NameTree(joined.Root.Names.Dests)
    headings = {joined.pages[n].objgen for _, kind, n in structure(joined) if kind == "/H2"}
    links = 0
    for page in joined.pages:
        marks = [int(n) for n in re.findall(rb"/MCID (\d+)", page.obj.Contents.read_bytes())]
        elements = entries[int(page.obj.StructParents)]
        assert len(elements) == len(marks) > 0
        for mcid in marks:
            element = elements[mcid]
            assert element.Pg.objgen == page.objgen
            assert mcid in [int(k) for k in element.K if not isinstance(k, pikepdf.Dictionary)]
        for annotation in page.obj.get("/Annots", ()):
            links += 1
            assert entries[int(annotation.StructParent)].S == "/Link"
            # Each link still leads to its own group's heading.
            target = destinations[str(annotation.Dest)]
            if isinstance(target, pikepdf.Dictionary):
                target = target.D
            assert target[0].objgen in headings
    assert links == sum(n * 12 for n in range(2, 7))
    # Every element the parent tree names hangs from the one document element.
    document_element = tree.K[0]
    for elements in entries.values():
        for element in elements if isinstance(elements, pikepdf.Array) else [elements]:
            while element.objgen != document_element.objgen:
                element = element.P
    assert len(tree.K) == 1


def test_a_run_whose_process_fails_is_laid_out_again_here(monkeypatch, caplog):
    parent = os.getpid()
    run = pdf._run

    def fails_in_a_child(html, resources):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return run(html, resources)

    monkeypatch.setattr(pdf, "_run", fails_in_a_child)
    with caplog.at_level(logging.WARNING, logger="senco.lib.pdf"):
        data = made_in(2, monkeypatch)
    assert "laying it out again here" in caplog.text
    monkeypatch.setattr(pdf, "_run", run)
    assert structure(pikepdf.open(io.BytesIO(data))) == structure(
        pikepdf.open(io.BytesIO(made_in(1, monkeypatch)))
    )


def test_an_error_in_the_layout_is_raised_and_leaves_no_process_behind(monkeypatch):
    def broken(html, resources):
        raise ValueError("bad HTML")

    monkeypatch.setattr(pdf, "_run", broken)
    with pytest.raises(ValueError, match="bad HTML"):
        made_in(3, monkeypatch)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_runs_keep_the_order_and_share_the_html_out():
    sections = ["a" * 10, "b" * 30, "c" * 10, "d" * 10, "e" * 40]
    runs = pdf._split(sections, 2)
    assert [s for run in runs for s in run] == sections
    assert [len("".join(run)) for run in runs] == [50, 50]
    runs = pdf._split(sections, 9)
    assert [s for run in runs for s in run] == sections and all(runs)
    assert pdf._split(sections, 1) == [sections]


def test_one_process_while_other_threads_run():
    assert pdf.pdf_processes(1) == 1
    assert 1 <= pdf.pdf_processes(50) <= pdf.PDF_PROCESSES_MAX
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert pdf.pdf_processes(50) == 1
    finally:
        release.set()
        thread.join()
