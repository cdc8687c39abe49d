"""Tagged PDFs joined into one, keeping what a screen reader needs (issue 13).

WeasyPrint writes a tagged PDF: a structure tree (headings, tables, lists) whose leaves
point at the marked text on each page through the "parent tree", numbered per page, and
an outline of the headings. A year group's class sheets are laid out as runs of
documents in several processes (senco/lib/pdf.py `documents_to_pdf`), each run its own
tagged PDF; joining them keeps every page, one structure tree in page order, one parent
tree renumbered so that no two pages share a number, and one outline nested by the
headings' levels as the runs report them (a run that starts with a group's <h2> has no
<h1> of its own to nest under). A link may lead only to a place in its own run.
"""

import io
from collections.abc import Sequence

import pikepdf

# One run of documents: its PDF, and the level of each heading in its outline (1 for an
# <h1>), in the outline's order.
Run = tuple[bytes, Sequence[int]]


def _next_key(nums: pikepdf.Array) -> int:
    return max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1


def _copy(joined: pikepdf.Pdf, obj):
    """A foreign object in the joined file: an indirect one through the joined file's one
    copier (so each object is copied once, and a reference to a page already copied is to
    its copy), a direct array or dictionary item by item."""
    if not isinstance(obj, pikepdf.Object):
        return obj
    if obj.is_indirect:
        return joined.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array(_copy(joined, item) for item in obj)
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(joined, value) for key, value in obj.items()})
    return obj


def _outline_entries(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Object]]:
    """The outline's items in reading order (a heading, then those under it), as title
    and destination."""
    entries = []
    with pdf.open_outline() as outline:
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            entries.append((str(item.title), item.destination))
            stack.extend(reversed(item.children))
    return entries


def _nest(entries: list[tuple[str, pikepdf.Object, int]]) -> list[pikepdf.OutlineItem]:
    """Outline items nested by level: each under the last one of a lower level."""
    root: list[pikepdf.OutlineItem] = []
    open_items: list[tuple[int, pikepdf.OutlineItem]] = []
    for title, destination, level in entries:
        item = pikepdf.OutlineItem(title, destination)
        while open_items and open_items[-1][0] >= level:
            open_items.pop()
        (open_items[-1][1].children if open_items else root).append(item)
        open_items.append((level, item))
    return root


def join_tagged(runs: Sequence[Run]) -> bytes:
    """The runs' PDFs as one, in order, with the first run's metadata and language."""
    pdfs = [pikepdf.open(io.BytesIO(data)) for data, _ in runs]
    joined = pdfs[0]
    tree = joined.Root.StructTreeRoot
    document = tree.K[0]
    nums = tree.ParentTree.Nums
    outline = [
        (title, destination, level)
        for (title, destination), level in zip(_outline_entries(joined), runs[0][1], strict=True)
    ]
    for pdf, (_, levels) in zip(pdfs[1:], runs[1:], strict=True):
        shift = _next_key(nums)
        first = len(joined.pages)
        # The pages first, with the named destinations their links go to: copying the
        # structure after them points its elements at the joined file's copies of the
        # pages, not at new ones.
        joined.add_pages_from(pdf, outlines="ignore")
        for page in joined.pages[first:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + shift
            for annotation in page.obj.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + shift
        their_document = pdf.Root.StructTreeRoot.K[0]
        for kid in their_document.K:
            copied = joined.copy_foreign(kid)
            if isinstance(copied, pikepdf.Dictionary) and "/P" in copied:
                copied.P = document
            document.K.append(copied)
        # Marked text that sits directly in their document element now sits in ours.
        theirs = joined.copy_foreign(their_document).objgen
        their_nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        for i in range(0, len(their_nums), 2):
            nums.append(int(their_nums[i]) + shift)
            value = _copy(joined, their_nums[i + 1])
            if isinstance(value, pikepdf.Array):
                value = pikepdf.Array(
                    document if e.is_indirect and e.objgen == theirs else e for e in value
                )
            nums.append(value)
        outline.extend(
            (title, _copy(joined, destination), level)
            for (title, destination), level in zip(_outline_entries(pdf), levels, strict=True)
        )
    tree.ParentTreeNextKey = _next_key(nums)
    with joined.open_outline() as joined_outline:
        joined_outline.root[:] = _nest(outline)
    out = io.BytesIO()
    joined.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
