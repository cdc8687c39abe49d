"""A local authority's own annual review form: a Word document with placeholders
(`{{ pupil_name }}`, `{% for item in provision %}`), checked when it is uploaded and filled
in by docxtpl inside a Jinja2 sandbox.

The form is written by whoever uploads it, so it is treated as untrusted code:

- `SandboxedEnvironment` refuses attributes that start with an underscore and unsafe
  methods, so `{{ pupil_name.__class__.__mro__ }}` cannot reach Python's internals.
- No globals (`range`, `namespace`, `lipsum`, ...) and no calls at all: a form only prints
  placeholders and loops over the lists it is given, so it cannot run for ever or build a
  huge string (`**` and `*` of text are refused for the same reason).
- Only a short list of harmless filters (`upper`, `default`, `join`, ...).
- Anything undefined or unsafe stops the filling with an error (`StrictUndefined`).
- Autoescaped, so a pupil's name with `<` or `&` cannot break the document's XML.
"""

import io
import zipfile
from dataclasses import dataclass

import docx
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate, Listing
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_BYTES = 5 * 1024 * 1024
# Unzipped, a Word form is rarely more than a few MB; more is a zip bomb.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 2000

# The placeholders the report offers, each with its meaning in one line.
PLACEHOLDERS: list[tuple[str, str]] = [
    ("pupil_name", "The child's forename and legal surname"),
    ("pupil_forename", "The child's forename"),
    ("pupil_surname", "The child's legal surname"),
    ("date_of_birth", "Date of birth, for example 4 March 2014"),
    ("year_group", "Year group, for example Year 6"),
    ("upn", "Unique pupil number"),
    ("school_name", "The school's name"),
    ("school_urn", "The school's unique reference number (URN)"),
    ("la_name", "The local authority that maintains the plan"),
    ("case_officer", "The case officer's name, email and phone"),
    ("plan_issued_on", "The date the plan was issued"),
    ("last_review_on", "The date of the last annual review meeting"),
    ("review_kind", "Annual review, phase transfer review or early review"),
    ("meeting_date", "The date of this review meeting"),
    ("next_setting", "For a phase transfer: the next school or college"),
    ("attendees", "Who attended the meeting, one a line"),
    ("needs", "Section B of the plan: the summary of needs"),
    ("outcomes", "Section E of the plan: the outcomes"),
    ("progress", "Progress towards the outcomes, as recorded at the review"),
    ("pupil_view", "The child's views"),
    ("parent_view", "The parents' or carers' views"),
    ("teacher_views", "A list: each teacher's view, as {{ t.name }} and {{ t.view }} in a loop"),
    ("teacher_views_text", "Every teacher's view as one block of text"),
    (
        "contributors",
        "A list: each person invited, with name, role, organisation, advice, "
        "advice_received_on and attended",
    ),
    ("advice_text", "Everyone's advice as one block of text"),
    (
        "provision",
        "A list: each item of section F, with kind, what, who, how_often, how_long, "
        "in_place and evidence",
    ),
    ("provision_text", "Section F as one block of text, one item a line, with whether in place"),
    ("in_place_count", "How many items of section F are in place, for example 5 of 7"),
    ("recommendations", "The review's recommendations"),
    ("report_due", "The date the report is due at the local authority"),
    ("report_due_rule", "The same, with the rule and its legal source"),
    ("prepared_on", "The date the report was drafted"),
    ("prepared_by", "Who drafted it"),
]
NAMES = frozenset(name for name, _ in PLACEHOLDERS)

SAFE_FILTERS = (
    "capitalize",
    "count",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "join",
    "last",
    "length",
    "lower",
    "string",
    "title",
    "trim",
    "upper",
)


class FormEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox with nothing to call and nothing global."""

    intercepted_binops = frozenset(["**", "*"])

    def __init__(self):
        # Strict: something undefined (or unsafe, like `item.__class__`) stops the filling
        # rather than printing nothing.
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in SAFE_FILTERS}
        self.tests = {name: self.tests[name] for name in ("defined", "undefined", "none")}

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise SecurityError("Raising to a power is not allowed in a report form")
        if operator == "*" and not (
            isinstance(left, int | float) and isinstance(right, int | float)
        ):
            raise SecurityError("Repeating text is not allowed in a report form")
        return super().call_binop(context, operator, left, right)

    def call(self, __context, __obj, *args, **kwargs):  # noqa: N807 (Jinja's own names)
        raise SecurityError("A report form cannot call functions")


@dataclass(frozen=True)
class FormProblem(Exception):
    """Why an uploaded form cannot be used, in words for the SENCO."""

    message: str
    unknown: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message


def _is_word_document(data: bytes) -> bool:
    """A .docx is a zip holding `word/document.xml` and `[Content_Types].xml`, whatever
    its name says; refused too when it unzips to far more than a form ever holds."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    names = {i.filename for i in infos}
    if not {"word/document.xml", "[Content_Types].xml"} <= names:
        return False
    return len(infos) <= MAX_PARTS and sum(i.file_size for i in infos) <= MAX_UNZIPPED_BYTES


def _sample_context() -> dict:
    """Values of the right shapes, to try a form out before it is saved."""
    context = {name: "Sample" for name in NAMES}
    context["teacher_views"] = [{"name": "Sample", "view": "Sample"}]
    context["contributors"] = [
        dict.fromkeys(
            ("name", "role", "organisation", "advice", "advice_received_on", "attended"),
            "Sample",
        )
    ]
    context["provision"] = [
        dict.fromkeys(
            ("kind", "what", "who", "how_often", "how_long", "in_place", "evidence"), "Sample"
        )
    ]
    return context


def check_form(data: bytes) -> list[str]:
    """Check an uploaded form, returning the placeholders it uses, in order. Raises
    `FormProblem` for a file that is too large, not a Word document, has broken
    placeholders, names placeholders the report does not offer, or does what a form may
    not (reach Python's internals, call functions)."""
    if len(data) > MAX_BYTES:
        raise FormProblem("The form must be smaller than 5 MB")
    if not data:
        raise FormProblem("The selected file is empty")
    if not _is_word_document(data):
        raise FormProblem("The form must be a Word document (.docx)")
    try:
        docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile):
        # e.g. a macro-enabled document (.docm) saved with a .docx name.
        raise FormProblem("The form must be a Word document (.docx) without macros") from None
    template = DocxTemplate(io.BytesIO(data))
    try:
        used = template.get_undeclared_template_variables(FormEnvironment())
    except TemplateSyntaxError as error:
        raise FormProblem(
            f"A placeholder in the form is not written correctly ({error.message}). "
            "Write each placeholder as {{ name }}, with two curly brackets each side"
        ) from None
    unknown = tuple(sorted(used - NAMES))
    if unknown:
        raise FormProblem(
            "The form uses placeholders the report does not offer: "
            + ", ".join(unknown)
            + ". Use the names in the list below",
            unknown,
        )
    try:
        render_form(data, _sample_context())
    except SecurityError:
        raise FormProblem(
            "The form uses something a report form may not: only placeholders, "
            "{% if %} and {% for %} are allowed"
        ) from None
    except TemplateError as error:
        raise FormProblem(f"The form could not be filled in ({error})") from None
    return sorted(used)


def _lines_kept(value):
    """Text of several lines as a docxtpl `Listing`, so Word shows its line breaks."""
    if isinstance(value, str):
        return Listing(value) if "\n" in value else value
    if isinstance(value, list):
        return [_lines_kept(v) for v in value]
    if isinstance(value, dict):
        return {k: _lines_kept(v) for k, v in value.items()}
    return value


def render_form(source, context: dict) -> bytes:
    """Fill a form (a path, or the bytes of a .docx) in the sandbox."""
    template = DocxTemplate(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    template.render(_lines_kept(context), FormEnvironment(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def example_form() -> bytes:
    """A Word form using every placeholder, for a SENCO to start from or to check with."""
    document = docx.Document()
    document.add_heading("Annual review report: {{ pupil_name }}", level=1)
    for name, meaning in PLACEHOLDERS:
        if name in ("teacher_views", "contributors", "provision"):
            continue
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{meaning}: ").bold = True
        paragraph.add_run("{{ " + name + " }}")
    document.add_heading("The teachers' views, one by one", level=2)
    document.add_paragraph("{%p for t in teacher_views %}")
    document.add_paragraph("{{ t.name }}: {{ t.view }}")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("Advice, one by one", level=2)
    document.add_paragraph("{%p for c in contributors %}")
    document.add_paragraph("{{ c.name }} ({{ c.role }}, {{ c.organisation }}): {{ c.advice }}")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("Section F, item by item", level=2)
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("What", "Who", "In place"), strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for item in provision %}"
    cells = table.rows[2].cells
    cells[0].text = "{{ item.what }}"
    cells[1].text = "{{ item.who }}, {{ item.how_often }}"
    cells[2].text = "{{ item.in_place }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
