"""`manage.py backup` and `manage.py restore`: the demo trust and its private files go out
to one encrypted file and come back into a fresh database, every row and byte the same;
and every refusal (no key, wrong key, a changed or cut file, a database holding records,
other migrations, media already there) changes nothing.

The tests run on the suite's database, SQLite or PostgreSQL (CI runs both). The demo trust
is built and committed once for the module, backed up with `manage.py backup` (pg_dump
sees only committed data) and flushed away again. Each restore goes into its own fresh
database ("restore_target"): a copy of one migrated once per module (a file copy on
SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL).
"""

import contextlib
import copy
import io
import os
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend
from django.test import override_settings
from PIL import Image

from senco.accounts.models import User
from senco.audit.actor import Actor
from senco.demo.trust import build_demo_trust
from senco.operations import backup as backups
from senco.operations.backup import (
    BackupError,
    DecryptingReader,
    EncryptingWriter,
    migration_difference,
    restore,
    tables_holding_records,
)
from senco.profiles.photos import clean_photo
from senco.profiles.services import pupil_photo_replace
from senco.pupils.models import Pupil
from senco.testing import assert_run_as_one_group

KEY = "correct-horse-battery-staple-2026"
TARGET = "restore_target"
TEMPLATE = "restore_template"

# One test process runs the whole module (`--dist loadgroup`, as `make test` and .ci/run
# run the suite), so the migrated database and the demo's backup below are made once, not once in
# each process.
pytestmark = pytest.mark.xdist_group("backup")


def test_the_module_runs_in_one_test_process(request):
    assert_run_as_one_group(request, "backup")


# --- databases -----------------------------------------------------------------------------


def vendor() -> str:
    return connections["default"].vendor


@contextlib.contextmanager
def extra_database(alias: str, name: str):
    """A connection alias like default's but for the database `name`. It is made directly,
    not added to settings.DATABASES, so that Django's test cases allow it."""
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    settings_dict["NAME"] = name
    connections[alias] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


def pg_admin(sql: str) -> None:
    with connections["default"]._nodb_cursor() as cursor:
        cursor.execute(sql)


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker, tmp_path_factory):
    """A database just made with `manage.py migrate`, copied for each test that restores."""
    with django_db_blocker.unblock():
        if vendor() == "sqlite":
            name = str(tmp_path_factory.mktemp("template") / "migrated.sqlite3")
        else:
            name = f"{connections['default'].settings_dict['NAME']}_restore_template"
            pg_admin(f'DROP DATABASE IF EXISTS "{name}"')
            pg_admin(f'CREATE DATABASE "{name}"')
        with extra_database(TEMPLATE, name):
            call_command("migrate", database=TEMPLATE, verbosity=0, interactive=False)
        yield name
        if vendor() == "postgresql":
            pg_admin(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def target(migrated, tmp_path):
    """A fresh migrated database holding no records, as the alias TARGET."""
    if vendor() == "sqlite":
        name = str(tmp_path / "target.sqlite3")
        shutil.copyfile(migrated, name)
    else:
        name = f"{connections['default'].settings_dict['NAME']}_restore_target"
        pg_admin(f'DROP DATABASE IF EXISTS "{name}"')
        pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{migrated}"')
    with extra_database(TARGET, name):
        yield TARGET
    if vendor() == "postgresql":
        pg_admin(f'DROP DATABASE IF EXISTS "{name}"')


def everything(alias: str) -> dict[str, list]:
    """Every row of every table (all columns) and where each id counter stands."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            tables.append("sqlite_sequence")
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = current_schema() ORDER BY sequencename"
            )
            rows["(sequences)"] = cursor.fetchall()
    return rows


def files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# --- the demo trust, backed up once --------------------------------------------------------


@dataclass
class Made:
    path: Path
    rows: dict
    files: dict
    output: str


def jpeg(shade: int) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (shade, 90, 160)).save(out, format="JPEG")
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture(scope="module")
def made(migrated, django_db_blocker, tmp_path_factory):
    """The demo trust with two pupils' photos and a document, backed up by the command."""
    media = tmp_path_factory.mktemp("media") / "private"
    path = tmp_path_factory.mktemp("backups") / "senco.backup"
    out = StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=media),
        mock.patch.dict(os.environ, {"BACKUP_KEY": KEY}),
        # scrypt at N = 2^14, not 2^17: the restore reads N from the file's header.
        mock.patch.object(backups, "SCRYPT_LOG_N", 14),
    ):
        try:
            build_demo_trust(schools=2)
            senco = User.objects.filter(username__startswith="senco.").order_by("pk").first()
            for shade, pupil in enumerate(Pupil.objects.order_by("pk")[:2]):
                pupil_photo_replace(actor=Actor(senco), pupil=pupil, photo=clean_photo(jpeg(shade)))
            report = media / "documents" / "2026-27" / "Zoë's EHC plan (final).pdf"
            report.parent.mkdir(parents=True)
            report.write_bytes(os.urandom(70_000))
            rows = everything("default")
            call_command("backup", str(path), stdout=out)
            files = files_under(media)
        finally:
            call_command("flush", interactive=False, verbosity=0)
    return Made(path=path, rows=rows, files=files, output=out.getvalue())


def empty(alias: str) -> bool:
    return tables_holding_records(connections[alias]) == []


# --- the round trip ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_backup_of_the_demo_trust_restores_every_row_and_file(made, target, tmp_path, settings):
    assert len(made.files) == 3
    assert len(made.rows["pupils_pupil"]) > 1000
    assert sum(1 for rows in made.rows.values() if rows) > 25
    assert "Backed up the database" in made.output
    assert "3 private files" in made.output
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "restored"
    out = StringIO()

    with mock.patch.dict(os.environ, {"BACKUP_KEY": KEY}):
        call_command("restore", str(made.path), "--database", TARGET, stdout=out)

    restored = everything(TARGET)
    assert restored.keys() == made.rows.keys()
    for table, rows in made.rows.items():
        assert restored[table] == rows, table
    assert files_under(tmp_path / "restored") == made.files
    assert not list(tmp_path.glob(".restored-restoring-*")), "the staging folder is left behind"
    assert f"Restored {made.path}" in out.getvalue()
    assert "3 private files" in out.getvalue()


@pytest.mark.django_db
def test_a_restored_database_refuses_a_second_restore(made, target, tmp_path):
    restore(made.path, key=KEY, using=TARGET, media_root=tmp_path / "first")
    with pytest.raises(BackupError, match="already holds records"):
        restore(made.path, key=KEY, using=TARGET, media_root=tmp_path / "second")
    assert not (tmp_path / "second").exists()


@pytest.mark.django_db
def test_check_opens_and_verifies_the_file_and_changes_nothing(made, target, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    with mock.patch.dict(os.environ, {"BACKUP_KEY": KEY}):
        call_command("restore", "--check", str(made.path), "--database", TARGET, stdout=out)
    assert "every part of it checks out" in out.getvalue()
    assert "nothing was restored" in out.getvalue()
    assert empty(TARGET)
    assert not (tmp_path / "media").exists()


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_without_backup_key_both_commands_refuse(command, tmp_path):
    environ = {k: v for k, v in os.environ.items() if k != "BACKUP_KEY"}
    with (
        mock.patch.dict(os.environ, environ, clear=True),
        pytest.raises(CommandError, match="BACKUP_KEY is not set"),
    ):
        call_command(command, str(tmp_path / "senco.backup"))
    assert not (tmp_path / "senco.backup").exists()


@pytest.mark.django_db
def test_a_short_key_is_refused(tmp_path):
    with pytest.raises(BackupError, match="too short"):
        backups.backup(tmp_path / "senco.backup", key="short", media_root=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_an_existing_file_is_not_overwritten(tmp_path):
    (tmp_path / "senco.backup").write_text("last night's")
    with pytest.raises(BackupError, match="already exists"):
        backups.backup(tmp_path / "senco.backup", key=KEY, media_root=tmp_path / "m")
    assert (tmp_path / "senco.backup").read_text() == "last night's"


@pytest.mark.django_db
def test_a_wrong_key_is_refused_and_nothing_changes(made, target, tmp_path):
    with pytest.raises(BackupError, match="not the key this backup was made with"):
        restore(
            made.path, key="another-key-altogether-2026", using=TARGET, media_root=tmp_path / "m"
        )
    assert empty(TARGET)
    assert not (tmp_path / "m").exists()


def flip(data: bytearray, at: int) -> bytearray:
    data[at] ^= 0x01
    return data


CHANGES = {
    "a byte in the middle": lambda d: flip(d, len(d) // 2),
    "the last byte": lambda d: flip(d, len(d) - 1),
    "the salt": lambda d: flip(d, 20),
    "cut short": lambda d: d[: len(d) - 1000],
    "a byte added": lambda d: d + b"\0",
    "not a backup": lambda d: bytearray(b"PK\x03\x04") + d[4:],
}


@pytest.mark.django_db
@pytest.mark.parametrize("change", CHANGES)
def test_a_changed_file_is_refused_and_nothing_changes(made, target, tmp_path, change):
    changed = tmp_path / "changed.backup"
    changed.write_bytes(CHANGES[change](bytearray(made.path.read_bytes())))
    media = tmp_path / "media"

    with pytest.raises(BackupError, match="Nothing was changed|not a senco backup") as refused:
        restore(changed, key=KEY, using=TARGET, media_root=media)

    assert empty(TARGET)
    assert not media.exists()
    expected = {
        "the salt": "not the key",
        "cut short": "damaged",  # cut inside its only part
        "not a backup": "not a senco backup",
    }.get(change, "damaged or has been changed")
    assert expected in str(refused.value)


@pytest.mark.django_db
def test_a_database_holding_records_is_refused_and_nothing_changes(made, pupil, tmp_path):
    before = everything("default")
    with pytest.raises(BackupError, match="already holds records") as refused:
        restore(made.path, key=KEY, media_root=tmp_path / "media")
    assert "pupils_pupil" in str(refused.value)
    assert everything("default") == before
    assert not (tmp_path / "media").exists()


@pytest.mark.django_db
def test_an_unmigrated_database_is_refused(made, tmp_path):
    if vendor() != "sqlite":
        pytest.skip("an empty SQLite file stands for a database never migrated")
    bare = str(tmp_path / "bare.sqlite3")
    with extra_database("bare", bare), pytest.raises(BackupError, match="not been migrated"):
        restore(made.path, key=KEY, using="bare", media_root=tmp_path / "media")


def _latest_migration(app: str) -> str:
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return next(name for label, name in graph.leaf_nodes() if label == app)


@pytest.mark.django_db
@pytest.mark.parametrize("difference", ["ahead", "behind"])
def test_other_migrations_are_refused_saying_what_to_do(made, target, tmp_path, difference):
    latest = _latest_migration("pupils")
    with connections[TARGET].cursor() as cursor:
        if difference == "ahead":
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) "
                "VALUES ('pupils', '9999_from_next_year', CURRENT_TIMESTAMP)"
            )
        else:
            cursor.execute(
                "DELETE FROM django_migrations WHERE app = 'pupils' AND name = %s", [latest]
            )

    with pytest.raises(BackupError, match="other migrations") as refused:
        restore(made.path, key=KEY, using=TARGET, media_root=tmp_path / "media")

    message = str(refused.value)
    assert "pupils:" in message
    assert f"python manage.py migrate pupils {latest}" in message
    assert "Nothing was changed" in message
    assert empty(TARGET)


@pytest.mark.django_db
def test_private_media_already_there_is_refused(made, target, tmp_path):
    media = tmp_path / "media"
    (media / "photos").mkdir(parents=True)
    (media / "photos" / "someone.jpg").write_bytes(b"not ours")
    with pytest.raises(BackupError, match="already holds files"):
        restore(made.path, key=KEY, using=TARGET, media_root=media)
    assert files_under(media) == {"photos/someone.jpg": b"not ours"}
    assert empty(TARGET)


@pytest.mark.django_db
def test_a_load_that_fails_takes_back_the_media_it_wrote(made, target, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise BackupError("the disk is full")

    monkeypatch.setattr(backups, f"_load_{vendor()}", fail)
    media = tmp_path / "media"
    with pytest.raises(BackupError, match="the disk is full"):
        restore(made.path, key=KEY, using=TARGET, media_root=media)
    assert not media.exists()
    assert not list(tmp_path.glob(".media-restoring-*")), "the staging folder is left behind"
    assert empty(TARGET)


@pytest.mark.django_db
def test_rows_that_do_not_add_up_roll_the_whole_load_back(made, target, tmp_path, monkeypatch):
    """The database itself refuses the load (after copying every table) and rolls it back."""
    real_open = backups.open_backup

    def miscounted(*args, **kwargs):
        opened = real_open(*args, **kwargs)
        opened.manifest["database"]["tables"]["pupils_pupil"] += 1
        return opened

    monkeypatch.setattr(backups, "open_backup", miscounted)
    media = tmp_path / "media"
    with pytest.raises(BackupError, match="pupils_pupil") as refused:
        restore(made.path, key=KEY, using=TARGET, media_root=media)
    assert "nothing was changed" in str(refused.value).lower()
    assert empty(TARGET)
    assert not media.exists()


def test_a_backup_newer_than_this_senco_says_to_install_it():
    lines = migration_difference(
        {"pupils": ["0001_initial", "0099_future"]}, {"pupils": ["0001_initial"]}, known=set()
    )
    assert lines == [
        "pupils: the backup has migrations this senco does not know (0099_future): it was "
        "made by a newer senco. Install that version (or a later one), migrate, then restore."
    ]


# --- the encrypted stream ------------------------------------------------------------------


@pytest.fixture
def quick_key(monkeypatch):
    """scrypt at N = 2^14 rather than 2^17, so these tests take milliseconds."""
    monkeypatch.setattr(backups, "SCRYPT_LOG_N", 14)


def sealed(plain: bytes, chunk_size=4096) -> bytes:
    out = io.BytesIO()
    writer = EncryptingWriter(out, KEY, chunk_size=chunk_size)
    for start in range(0, len(plain), 1000):
        writer.write(plain[start : start + 1000])
    writer.finish()
    return out.getvalue()


def opened(data: bytes, key=KEY) -> bytes:
    reader = DecryptingReader(io.BytesIO(data), Path("x.backup"), key)
    plain = reader.read()
    reader.finish()
    return plain


def parts(data: bytes, chunk_size=4096) -> tuple[bytes, list[bytes]]:
    header, body = data[:48], data[48:]
    block = 12 + chunk_size + 16
    return header, [body[i : i + block] for i in range(0, len(body), block)]


@pytest.mark.parametrize("length", [0, 1, 4095, 4096, 4097, 3 * 4096, 20_000])
def test_the_stream_gives_back_what_went_in(quick_key, length):
    plain = os.urandom(length)
    assert opened(sealed(plain)) == plain


def test_each_part_has_its_own_nonce(quick_key):
    _header, chunks = parts(sealed(bytes(5 * 4096)))
    assert len({chunk[:12] for chunk in chunks}) == len(chunks) == 5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda h, c: h + b"".join([c[1], c[0], *c[2:]]), "part 1 fails its check"),
        (lambda h, c: h + b"".join(c[:-1]), "it ends after part 4, before its last part"),
        (lambda h, c: h + b"".join([c[0], *c[2:]]), "part 2 fails its check"),
        (lambda h, c: h + b"".join(c) + c[-1], "part 5 fails its check"),
        (lambda h, c: h, "incomplete"),
        (lambda h, c: h[:30], "not a senco backup"),
    ],
    ids=[
        "reordered",
        "last part dropped",
        "a part dropped",
        "a part repeated",
        "only a header",
        "cut in the header",
    ],
)
def test_parts_cannot_be_reordered_dropped_or_cut(quick_key, change, message):
    header, chunks = parts(sealed(os.urandom(4 * 4096 + 100)))
    with pytest.raises(BackupError, match=message):
        opened(change(header, chunks))


def test_the_stream_refuses_another_key(quick_key):
    with pytest.raises(BackupError, match="not the key"):
        opened(sealed(b"pupils"), key="the wrong key, however long")
