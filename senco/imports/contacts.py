"""Importing pupils' parents and carers from a contacts file exported from the MIS.

A contacts file has one row per contact: the pupil's UPN (the pupil import matches pupils
by UPN, and so does this), the contact's name, relationship, parental responsibility,
priority, phone numbers, email, preferred language, whether an interpreter is needed, and
any restriction (a court order, do not contact). The headings each MIS uses are the aliases
of `CONTACT_COLUMNS`.

How a contacts file meets the contacts senco has (docs/parents.md, "Contacts from the MIS"):

- A contact is matched by pupil and name, case and accents folded ("ZOË O'BRIEN" is
  "Zoe O'Brien"), so importing the same file twice changes nothing the second time.
- A matched contact takes the file's relationship, parental responsibility, priority,
  phone, email, language and interpreter. A blank cell, or a column the file does not
  have, leaves what senco has: an import never clears a number or an address.
- A restriction (must not be contacted, must not be given information) is set by the file
  but never lifted by it: lifting a court order's restriction is a decision a person makes
  by hand. A court order in the file sets both, to be safe, until someone checks it.
- Contacts senco has that are not in the file (added by hand, say) are kept, never
  deleted: the preview counts them.

Like the pupil import: every problem is named by row and column before anything is
written, nothing changes until the SENCO confirms, and the import is one transaction,
audited, run as a background job (senco/imports/jobs.py).
"""

import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record, audit_record_many
from senco.imports.audit import ImportsAction
from senco.imports.models import ImportBatch
from senco.imports.parsing import (
    CellError,
    ImportFileError,
    RowError,
    _and,
    _cell,
    _records,
    _show,
    decode_upload,
    heading_key,
    parse_bool,
    parse_upn,
    read_upload,
)
from senco.imports.services import ImportBatchClosed, PlanRows
from senco.lib import keys
from senco.lib.cleaning import clean_text
from senco.lib.text import plural
from senco.pupils.models import Contact, Pupil

CHUNK = 500
# A school's contacts file has two or three rows a pupil, more for large families.
ROWS_PER_PUPIL = 4
EMPTY = "The file is empty. Export the contacts from the MIS again and upload that file."
COURT_ORDER_NOTE = "Court order recorded in the MIS: check what it allows"
RESTRICTION_NOTE = "Recorded in the MIS: check why"
DEFAULT_NOTES = (COURT_ORDER_NOTE, RESTRICTION_NOTE)


@dataclass(frozen=True)
class ContactColumn:
    field: str
    label: str
    needed: str  # "Yes", "No", or when it is needed
    aliases: tuple[str, ...]  # heading_key() of each heading senco reads as this column
    what: str  # what to put in it
    shown: str  # the headings as the upload page lists them


CONTACT_COLUMNS = (
    ContactColumn(
        "upn",
        "Pupil's UPN",
        "Yes",
        ("upn", "pupilupn", "studentupn", "learnerupn", "uniquepupilnumber", "childupn"),
        "The pupil's 13-character UPN, as in the pupil import",
        "UPN, Pupil UPN, Student UPN",
    ),
    ContactColumn(
        "name",
        "Contact's name",
        "Yes, or forename and surname",
        ("contactname", "name", "fullname", "contactfullname", "parentname", "parentcarername"),
        "The contact's full name, for example Amira Khan",
        "Contact Name, Name, Full Name",
    ),
    ContactColumn(
        "forename",
        "Contact's forename",
        "Without a name column",
        (
            "contactforename",
            "contactforenames",
            "contactfirstname",
            "contactlegalforename",
            "forename",
            "forenames",
            "firstname",
            "parentforename",
        ),
        "The contact's forename",
        "Contact Forename, Contact First Name, Forename, First Name",
    ),
    ContactColumn(
        "surname",
        "Contact's surname",
        "Without a name column",
        (
            "contactsurname",
            "contactlastname",
            "contactlegalsurname",
            "surname",
            "lastname",
            "familyname",
            "parentsurname",
        ),
        "The contact's surname",
        "Contact Surname, Contact Last Name, Surname, Last Name",
    ),
    ContactColumn(
        "relationship",
        "Relationship",
        "Yes",
        (
            "relationship",
            "relation",
            "contactrelationship",
            "relationshiptopupil",
            "relationshiptostudent",
            "relationshiptochild",
        ),
        "For example Mother, Father, Carer, Grandparent",
        "Relationship, Relationship to Pupil, Relationship to Student",
    ),
    ContactColumn(
        "parental_responsibility",
        "Parental responsibility",
        "No",
        ("parentalresponsibility", "hasparentalresponsibility", "pr"),
        "Y or N",
        "Parental Responsibility, PR",
    ),
    ContactColumn(
        "priority",
        "Priority",
        "No",
        ("priority", "contactpriority", "contactorder", "priorityorder", "order"),
        "A number: 1 for the first person to call",
        "Priority, Contact Priority, Contact Order",
    ),
    ContactColumn(
        "phone",
        "Phone",
        "No",
        (
            "telephone",
            "phone",
            "phonenumber",
            "telephonenumber",
            "primarytelephone",
            "maintelephone",
            "mainphone",
            "contactnumber",
            "mobile",
            "mobilephone",
            "mobiletelephone",
            "mobilenumber",
            "homephone",
            "hometelephone",
            "workphone",
            "worktelephone",
        ),
        "A phone number. With several phone columns, the first one filled in is used",
        "Telephone, Phone, Mobile, Mobile Phone, Home Phone, Work Phone",
    ),
    ContactColumn(
        "email",
        "Email",
        "No",
        ("email", "emailaddress", "contactemail", "mainemail", "primaryemail", "emailprimary"),
        "An email address",
        "Email, Email Address, Primary Email",
    ),
    ContactColumn(
        "language",
        "Preferred language",
        "No",
        (
            "language",
            "preferredlanguage",
            "homelanguage",
            "firstlanguage",
            "contactlanguage",
            "contactfirstlanguage",
        ),
        "For example English, Polish, Urdu",
        "Language, Preferred Language, Home Language, First Language",
    ),
    ContactColumn(
        "interpreter",
        "Needs an interpreter",
        "No",
        (
            "interpreter",
            "interpreterrequired",
            "interpreterneeded",
            "needsinterpreter",
            "requiresinterpreter",
        ),
        "Y or N",
        "Interpreter, Interpreter Required",
    ),
    ContactColumn(
        "no_contact",
        "Must not be contacted",
        "No",
        ("nocontact", "donotcontact", "mustnotbecontacted", "contactrestricted"),
        "Y or N. Y is kept until someone lifts it by hand",
        "No Contact, Do Not Contact",
    ),
    ContactColumn(
        "no_information",
        "Must not be given information",
        "No",
        (
            "noinformation",
            "donotshareinformation",
            "noaccesstoinformation",
            "mustnotbegiveninformation",
            "informationrestricted",
        ),
        "Y or N. Y is kept until someone lifts it by hand",
        "No Information, Do Not Share Information",
    ),
    ContactColumn(
        "court_order",
        "Court order",
        "No",
        ("courtorder", "courtorders", "courtorderinplace", "legalrestriction"),
        "Y or N. Y means must not be contacted or given information, until someone checks it",
        "Court Order, Legal Restriction",
    ),
    ContactColumn(
        "restriction_note",
        "Why (restriction)",
        "No",
        (
            "restrictionnote",
            "restriction",
            "restrictions",
            "restrictiondetails",
            "courtorderdetails",
            "courtordernote",
        ),
        "What the order or decision says, and its date",
        "Restriction, Restriction Note, Court Order Details",
    ),
)
CONTACT_COLUMN_BY_FIELD = {c.field: c for c in CONTACT_COLUMNS}
CONTACT_FIELD_BY_ALIAS = {alias: c.field for c in CONTACT_COLUMNS for alias in c.aliases}

# The fields a contacts file may change on a contact, in the order the preview lists them.
LABELS = {
    "relationship": "Relationship",
    "parental_responsibility": "Parental responsibility",
    "priority": "Priority",
    "phone": "Phone",
    "email": "Email",
    "language": "Preferred language",
    "interpreter": "Needs an interpreter",
    "no_contact": "Must not be contacted",
    "no_information": "Must not be given information",
    "restriction_note": "Why",
}

# What the import does with a row of a contacts file, as the preview shows and filters it.
CONTACT_ROW_KINDS = {
    "problem": "Rows with problems",
    "update": "Contacts to update",
    "create": "New contacts to add",
    "unchanged": "Already up to date",
}

# The headings of a SIMS and an Arbor contacts export, as the tests and docs write them.
SIMS_CONTACT_HEADINGS = [
    "UPN",
    "Legal Surname",
    "Legal Forename",
    "Contact Surname",
    "Contact Forename",
    "Relationship",
    "Parental Responsibility",
    "Priority",
    "Telephone",
    "Email",
    "Court Order",
]
ARBOR_CONTACT_HEADINGS = [
    "Student UPN",
    "Student Name",
    "Contact Name",
    "Relationship to Student",
    "Parental Responsibility",
    "Contact Priority",
    "Mobile Phone",
    "Home Phone",
    "Email Address",
    "Preferred Language",
    "Interpreter Required",
]


# --- Reading the file ----------------------------------------------------------------------


@dataclass
class ContactRow:
    """A good row: the contact's values that the file gives (a blank cell gives none)."""

    row: int
    upn: str
    name: str
    values: dict

    @property
    def key(self) -> str:
        return keys.fold(self.name)


@dataclass
class ParsedContacts:
    headings: dict[str, str]  # field -> heading as in the file ("phone": the first)
    ignored: list[str]
    rows: list[ContactRow]
    errors: list[RowError]
    row_count: int


def _text(value: str, what: str, longest: int) -> str:
    text = " ".join(unicodedata.normalize("NFC", clean_text(value)).split())
    if len(text) > longest:
        raise CellError(f"The {what} is longer than {longest} characters. Shorten it in the MIS.")
    return text


def parse_priority(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 99:
        raise CellError(
            "The priority must be a number from 1 to 99: 1 for the first person to call. "
            "Correct it in the MIS or leave it blank."
        )
    return int(text)


def parse_phone(value: str) -> str:
    text = _text(value, "phone number", 40)
    if text and len(keys.phone_digits(text)) < 6:
        raise CellError(
            "This is not a phone number: it has fewer than 6 digits. Correct it in the MIS "
            "or leave it blank."
        )
    return text


def parse_email(value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    try:
        if len(text) > 254:
            raise ValidationError("too long")
        validate_email(text)
    except ValidationError:
        raise CellError(
            "This is not an email address. Write it like name@example.com, correct it in the "
            "MIS or leave it blank."
        ) from None
    return text


def _map_headings(record):
    indexes: dict[str, int] = {}
    headings: dict[str, str] = {}
    phones: list[int] = []
    ignored: list[str] = []
    for index, raw in enumerate(record):
        heading = raw.strip()
        if not heading:
            continue
        found = CONTACT_FIELD_BY_ALIAS.get(heading_key(heading))
        if found == "phone":
            phones.append(index)
            headings.setdefault("phone", heading)
            continue
        if found is None or found in indexes:
            ignored.append(heading)
            continue
        indexes[found] = index
        headings[found] = heading
    return indexes, headings, phones, ignored


def _check_headings(record, indexes) -> None:
    found = [h.strip() for h in record if h.strip()]
    missing = []
    if "upn" not in indexes:
        missing.append("the pupil's UPN")
    if "name" not in indexes and not {"forename", "surname"} <= indexes.keys():
        missing.append("the contact's name (or forename and surname)")
    if "relationship" not in indexes:
        missing.append("the relationship")
    if missing:
        raise ImportFileError(
            f"The file has no column for {_and(missing)}, which senco needs to import "
            "contacts. Add them to the export in the MIS and try again. If this is a file "
            f"of pupils, choose Pupils when you upload it. The headings in the file are: "
            f"{_show(found)}."
        )


def _parse_row(number, record, indexes, headings, phones, heading_record, records_errors):
    values: dict = {}
    errors: list[RowError] = []

    def take(name, parser, *args):
        raw = _cell(record, indexes[name])
        try:
            return parser(raw, *args)
        except CellError as error:
            errors.append(RowError(number, headings[name], raw.strip(), str(error)))
            return None

    upn = take("upn", parse_upn)
    if "name" in indexes:
        name = take("name", _text, "contact's name", 200)
        name_heading = headings["name"]
    else:
        forename = take("forename", _text, "contact's forename", 100) or ""
        surname = take("surname", _text, "contact's surname", 100) or ""
        name = " ".join(part for part in (forename, surname) if part)
        name_heading = headings["forename"]
    if name == "":
        errors.append(
            RowError(
                number,
                name_heading,
                "",
                "The contact's name is blank. Add it in the MIS and export again.",
            )
        )
    relationship = take("relationship", _text, "relationship", 60)
    if relationship == "":
        errors.append(
            RowError(
                number,
                headings["relationship"],
                "",
                "The relationship is blank. Record it in the MIS (for example Mother, Father "
                "or Carer) and export again.",
            )
        )
    elif relationship:
        values["relationship"] = relationship
    for name_, parser in (
        ("parental_responsibility", parse_bool),
        ("interpreter", parse_bool),
        ("no_contact", parse_bool),
        ("no_information", parse_bool),
        ("court_order", parse_bool),
    ):
        if name_ in indexes and _cell(record, indexes[name_]).strip():
            value = take(name_, parser)
            if value is not None:
                values[name_] = value
    if "priority" in indexes:
        priority = take("priority", parse_priority)
        if priority is not None:
            values["priority"] = priority
    for index in phones:
        raw = _cell(record, index)
        if not raw.strip():
            continue
        try:
            values["phone"] = parse_phone(raw)
        except CellError as error:
            errors.append(RowError(number, heading_record[index].strip(), raw.strip(), str(error)))
        break
    if "email" in indexes:
        email = take("email", parse_email)
        if email:
            values["email"] = email
    if "language" in indexes:
        language = take("language", _text, "language", 60)
        if language:
            values["language"] = language
    if "restriction_note" in indexes:
        note = take("restriction_note", _text, "restriction note", 200)
        if note:
            values["restriction_note"] = note
    if values.pop("court_order", False):
        values["no_contact"] = values["no_information"] = True
        values.setdefault("restriction_note", COURT_ORDER_NOTE)
    if _restricted(values):
        values.setdefault("restriction_note", RESTRICTION_NOTE)
    records_errors.extend(errors)
    if errors:
        return None
    return ContactRow(row=number, upn=upn, name=name, values=values)


def parse_contacts(text: str) -> ParsedContacts:
    """Check a whole contacts file. Raises ImportFileError when it cannot be used at all."""
    if not text.strip():
        raise ImportFileError(EMPTY)
    records = _records(text)
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise ImportFileError(EMPTY)
    _, heading_record = numbered[0]
    indexes, headings, phones, ignored = _map_headings(heading_record)
    _check_headings(heading_record, indexes)
    body = numbered[1:]
    if not body:
        raise ImportFileError(
            "The file has column headings but no contacts. Check that the report in the MIS "
            "included the contacts, export it again and upload that file."
        )
    limit = settings.IMPORT_MAX_ROWS * ROWS_PER_PUPIL
    if len(body) > limit:
        raise ImportFileError(
            f"The file has {len(body):,} contact rows, more than any one school has (senco "
            f"takes up to {limit:,}). Check that it is this school's export and upload that file."
        )
    rows: list[ContactRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    for number, record in body:
        row = _parse_row(number, record, indexes, headings, phones, heading_record, errors)
        if row is None:
            continue
        first = seen.setdefault((row.upn, row.key), number)
        if first != number:
            errors.append(
                RowError(
                    number,
                    headings.get("name") or headings["forename"],
                    row.name,
                    f"This contact of this pupil is already on row {first}. Remove the "
                    "repeated row and upload the file again.",
                )
            )
            continue
        rows.append(row)
    return ParsedContacts(
        headings=headings, ignored=ignored, rows=rows, errors=errors, row_count=len(body)
    )


# --- Comparing with the contacts senco has --------------------------------------------------


@dataclass(frozen=True)
class ContactChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class PlannedContact:
    row: ContactRow
    pupil: Pupil
    contact: Contact | None = None  # the contact senco has, or None for a new one
    changes: list[ContactChange] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.row.row

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def upn(self) -> str:
        return self.row.upn


@dataclass
class ContactsPlan(PlanRows):
    parsed: ParsedContacts
    create: list[PlannedContact]
    update: list[PlannedContact]
    unchanged: list[PlannedContact]
    errors: list[RowError]
    kept: int  # contacts of the file's pupils that the file does not name: kept as they are

    def counts(self) -> dict:
        return {
            "kind": ImportBatch.Kind.CONTACTS,
            "rows": self.parsed.row_count,
            "created": len(self.create),
            "updated": len(self.update),
            "unchanged": len(self.unchanged),
            "kept": self.kept,
            "bad_rows": self.bad_count,
            "errors": len(self.errors),
        }


def _display(value) -> str:
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _restricted(values: dict) -> bool:
    return bool(values.get("no_contact") or values.get("no_information"))


def _changes(contact: Contact, values: dict) -> list[ContactChange]:
    changes = []
    for name, label in LABELS.items():
        if name not in values:
            continue
        new, old = values[name], getattr(contact, name)
        if name in ("no_contact", "no_information") and not new:
            continue  # a restriction is lifted by hand, never by a file
        if name == "restriction_note":
            if not _restricted(values) and not (contact.no_contact or contact.no_information):
                continue  # a note with no restriction to explain
            if new in DEFAULT_NOTES and old:
                continue  # the note written by hand says more than the file's flag
        if old != new:
            changes.append(ContactChange(name, label, _display(old), _display(new)))
    return changes


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _plan(school, parsed: ParsedContacts, *, lock: bool) -> ContactsPlan:
    """Compare a parsed file with the school's pupils and their contacts (a query per
    500 pupils, and one per 500 pupils for their contacts)."""
    pupils: dict[str, Pupil] = {}
    upns = sorted({r.upn for r in parsed.rows})
    for chunk in _chunks(upns):
        pupils.update(
            (p.upn, p)
            for p in Pupil.objects.filter(school=school, upn__in=chunk).only(
                "pk", "school", "upn", "forename", "legal_surname"
            )
        )
    contacts: dict[tuple[int, str], Contact] = {}
    others: dict[int, int] = {}
    for chunk in _chunks(sorted(p.pk for p in pupils.values())):
        found = Contact.objects.filter(pupil_id__in=chunk).order_by("pk")
        if lock:
            found = found.select_for_update()
        for contact in found:
            contacts.setdefault((contact.pupil_id, keys.fold(contact.name)), contact)
            others[contact.pupil_id] = others.get(contact.pupil_id, 0) + 1
    errors = list(parsed.errors)
    create, update, unchanged = [], [], []
    matched = 0
    for row in parsed.rows:
        pupil = pupils.get(row.upn)
        if pupil is None:
            errors.append(
                RowError(
                    row.row,
                    parsed.headings["upn"],
                    row.upn,
                    "No pupil at this school has this UPN. Import the pupils first, or check "
                    "the UPN in the MIS.",
                )
            )
            continue
        contact = contacts.get((pupil.pk, row.key))
        if contact is None:
            create.append(PlannedContact(row, pupil))
            continue
        matched += 1
        changes = _changes(contact, row.values)
        (update if changes else unchanged).append(PlannedContact(row, pupil, contact, changes))
    errors.sort(key=lambda e: e.row)
    kept = sum(others.get(p.pk, 0) for p in pupils.values()) - matched
    return ContactsPlan(parsed, create, update, unchanged, errors, kept=kept)


def contacts_plan(*, school, text: str) -> ContactsPlan:
    """What importing a contacts file would do. Writes nothing."""
    return _plan(school, parse_contacts(text), lock=False)


# --- Writing -------------------------------------------------------------------------------


class ContactRowsError(Exception):
    """Some rows are bad and the user did not ask to leave them out: nothing was written."""

    def __init__(self, plan: ContactsPlan):
        super().__init__(f"{plan.bad_count} rows have problems; nothing was imported.")
        self.plan = plan


def _write(plan: ContactsPlan) -> list[Contact]:
    now = timezone.now()
    new = []
    for item in plan.create:
        values = dict(item.row.values)
        if not _restricted(values):
            values.pop("restriction_note", None)  # a note with no restriction to explain
        contact = Contact(pupil=item.pupil, name=item.row.name, **values)
        contact.updated_at = now
        contact.full_clean(exclude=["pupil"], validate_unique=False, validate_constraints=False)
        new.append(contact)
    Contact.objects.bulk_create(new)
    writes: dict[str, list[Contact]] = {}
    for item in plan.update:
        contact = item.contact
        for change in item.changes:
            setattr(contact, change.field, item.row.values[change.field])
            writes.setdefault(change.field, []).append(contact)
        contact.version += 1
        contact.updated_at = now
        contact.full_clean(exclude=["pupil"], validate_unique=False, validate_constraints=False)
    for name, changed in sorted(writes.items()):
        Contact.objects.bulk_update(changed, [name])
    Contact.objects.bulk_update([item.contact for item in plan.update], ["version", "updated_at"])
    return new


def contacts_batch_apply(*, batch: ImportBatch, actor: Actor, skip_invalid: bool = False):
    """Import a previewed contacts file once, all or nothing. Raises ImportBatchClosed when
    it was imported or cancelled already, ImportFileError for an unusable file and
    ContactRowsError when rows are bad and `skip_invalid` is not set."""
    status, content = ImportBatch.objects.values_list("status", "content").get(pk=batch.pk)
    if status != ImportBatch.Status.PREVIEWED:
        raise ImportBatchClosed
    parsed = parse_contacts(content)  # before the transaction: see services.import_apply
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().select_related("school").get(pk=batch.pk)
        if batch.status != ImportBatch.Status.PREVIEWED:
            raise ImportBatchClosed
        plan = _apply(
            school=batch.school,
            actor=actor,
            parsed=parsed,
            filename=batch.filename,
            skip_invalid=skip_invalid,
            batch_id=batch.pk,
        )
        batch.status = ImportBatch.Status.APPLIED
        batch.applied_at = timezone.now()
        batch.summary = {**plan.counts(), "skipped_rows": plan.bad_rows}
        batch.content = ""
        batch.save(update_fields=["status", "applied_at", "summary", "content"])
    return plan


def contacts_apply(
    *, school, actor: Actor, text: str, filename: str, skip_invalid: bool = False
) -> ContactsPlan:
    """Import a contacts file straight away, all or nothing (`manage.py import_pupils
    --contacts`). Raises ImportFileError for an unusable file and ContactRowsError when rows
    are bad and `skip_invalid` is not set; in both cases nothing is written."""
    parsed = parse_contacts(text)
    with transaction.atomic():
        return _apply(
            school=school,
            actor=actor,
            parsed=parsed,
            filename=filename,
            skip_invalid=skip_invalid,
            batch_id=None,
        )


def _apply(*, school, actor, parsed, filename, skip_invalid, batch_id) -> ContactsPlan:
    """Write a parsed contacts file and its audit rows; inside the caller's transaction."""
    plan = _plan(school, parsed, lock=True)
    if plan.errors and not skip_invalid:
        raise ContactRowsError(plan)
    new = _write(plan)
    written = [(item, contact) for item, contact in zip(plan.create, new, strict=True)]
    written += [(item, item.contact) for item in plan.update]
    audit_record_many(
        actor=actor,
        action=ImportsAction.CONTACT_IMPORT,
        rows=(
            {
                "school": school,
                "pupil": item.pupil,
                "detail": {
                    "batch": batch_id,
                    "filename": filename,
                    "row": item.number,
                    "contact": contact.pk,
                    "created": item.contact is None,
                    # The names of the fields changed, not the person's details
                    # (as the contacts edited by hand: docs/parents.md).
                    "changes": [c.field for c in item.changes],
                },
            }
            for item, contact in written
        ),
    )
    audit_record(
        actor=actor,
        school=school,
        action=ImportsAction.APPLY,
        detail={
            **plan.counts(),
            "skipped_rows": plan.bad_rows,
            "filename": filename,
            "batch": batch_id,
        },
    )
    return plan


def contacts_batch_create(*, school, actor: Actor, upload) -> ImportBatch:
    """Keep an uploaded contacts file for its preview, or raise ImportFileError."""
    raw = read_upload(upload, size=getattr(upload, "size", None))
    text = decode_upload(raw)
    parse_contacts(text)
    batch = ImportBatch(
        school=school,
        uploaded_by=actor.person,
        kind=ImportBatch.Kind.CONTACTS,
        filename=(upload.name or "contacts.csv").rsplit("/", 1)[-1][:255],
        content=text,
    )
    batch.full_clean(exclude=["school", "uploaded_by"])
    batch.save()
    return batch


def contacts_summary(filename: str, plan: ContactsPlan) -> str:
    summary = (
        f"Imported {filename}: {plural(len(plan.create), 'new contact')}, "
        f"{plural(len(plan.update), 'contact')} updated, {len(plan.unchanged)} already up to "
        f"date, {plural(plan.kept, 'contact')} not in the file kept as they were."
    )
    if plan.bad_count:
        summary += f" {plural(plan.bad_count, 'row')} with problems left out."
    return summary
