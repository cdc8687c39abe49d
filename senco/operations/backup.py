"""Backups: one encrypted file holding the database and the private media.

    python manage.py backup FILE      # write FILE (BACKUP_KEY in the environment)
    python manage.py restore FILE     # bring it back into a migrated, empty database
    python manage.py restore --check FILE   # open and verify it, change nothing

How to run them, keep the key, schedule them and rehearse a restore: docs/backup.md.

The file (format 1)
-------------------
A 48-byte header, then the payload in encrypted chunks:

    magic "SENCOBAK" (8) | format 1 (1) | scrypt log2 N, r, p (1 each) | salt (16)
    | chunk size (4, big-endian) | key check (16)

The key is scrypt(BACKUP_KEY, salt) (N = 2^17, r = 8, p = 1: OWASP's figures), 48 bytes:
the first 32 are the AES-256-GCM key, the last 16 the key check, so a wrong key is told
apart from a damaged file. The salt is new for every file, so every file has its own key.
Each chunk holds `chunk size` bytes of payload (the last one up to that) and is stored as
a random 12-byte nonce and the ciphertext with its 16-byte tag. Every chunk authenticates
the whole header, its own index and whether it is the last, so chunks cannot be changed,
reordered, dropped or cut off without the restore noticing; only the last chunk is marked
last, so a file cut short at a chunk boundary is noticed too.

The payload is a tar stream (PAX, so any file name survives):

- `database.sqlite3.gz` (SQLite's online backup API: a consistent copy of the live
  database, gzipped) or `database.pgdump` (`pg_dump --format=custom --data-only` in an
  exported snapshot, compressed by pg_dump);
- `media/<path>`: every regular file under PRIVATE_MEDIA_ROOT;
- `manifest.json`, last: the format, senco's version, when, the database vendor, the
  applied migrations of every app, each table's row count (read in the same snapshot as
  the dump) and the size and SHA-256 of the dump and of every media file.

Restoring
---------
The whole file is decrypted into a private temporary folder (the media into a private
folder beside PRIVATE_MEDIA_ROOT when its parent may be written, so that placing them is a
rename) and checked against its manifest before anything is touched. The target must be
the same vendor, have exactly the backup's migrations applied, hold no records (no row in
any table of a senco app's models, bar the server's bookkeeping, and no user: what
`manage.py migrate` leaves, with its content types, permissions and migration rows, is
allowed) and have an empty PRIVATE_MEDIA_ROOT. Then the media are moved into place and
the database loaded in one transaction: every table's contents are replaced
by the backup's (including the rows migrations insert, so ids match), foreign keys checked
and row counts compared with the manifest. Any failure rolls the transaction back and
removes the media written.

- SQLite: ATTACH the dump and `INSERT INTO main.t (cols) SELECT cols FROM backup.t` for
  every table, with foreign keys off during the copy and `PRAGMA foreign_key_check`
  before the commit; `sqlite_sequence` is copied too, so ids are never reused.
- PostgreSQL: `pg_restore --data-only` turns the dump into SQL, which `psql
  --single-transaction` runs after TRUNCATE of every table and before the row-count
  checks. Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so they are checked at
  the commit and the order of the tables does not matter: no superuser, no
  `--disable-triggers`; the dump sets every sequence to its value at the backup.
  PostgreSQL's programs are found on PATH, in PG_BINDIR, or in /usr/lib/postgresql/*/bin.
"""

from __future__ import annotations

import contextlib
import datetime
import gzip
import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

KEY_VARIABLE = "BACKUP_KEY"
MIN_KEY_LENGTH = 16
MAGIC = b"SENCOBAK"
FORMAT = 1
HEADER = struct.Struct(">8sBBBB16sI16s")
SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P = 17, 8, 1
CHUNK_SIZE = 1 << 20
NONCE_BYTES = 12
TAG_BYTES = 16
# Only the SQLite file is compressed (about 4 to 1): photos are JPEGs, which do not
# compress, and gzip over 1.2 GB of them was most of a backup's time.
COMPRESS_LEVEL = 6
MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database.sqlite3.gz", "postgresql": "database.pgdump"}
MEDIA = "media/"
COPY_BUFFER = 1 << 20
# Rows a running server writes about itself, not records: allowed in the restore's target.
BOOKKEEPING = {"operations.heartbeat", "operations.schedulerun"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore refused or failed, with a message for the person running it."""


@dataclass
class BackupResult:
    path: Path
    bytes: int
    vendor: str
    tables: int
    rows: int
    files: int
    media_bytes: int
    seconds: float


@dataclass
class RestoreResult:
    path: Path
    bytes: int
    vendor: str
    made_at: str
    senco_version: str
    tables: int
    rows: int
    files: int
    media_bytes: int
    seconds: float
    restored: bool
    database: str = ""
    media_root: Path | None = None


# --- the key and the encrypted stream ------------------------------------------------------


def key_from_environment(environ=None) -> str:
    """BACKUP_KEY, or a BackupError saying how to make one."""
    environ = os.environ if environ is None else environ
    key = (environ.get(KEY_VARIABLE) or "").strip()
    if not key:
        raise BackupError(
            f"{KEY_VARIABLE} is not set: backups are encrypted with it. Set it to the key "
            "the backups are made with (a new one: python -c 'import secrets; "
            "print(secrets.token_urlsafe(32))'). See docs/backup.md."
        )
    return key


def _derive(key: str, salt: bytes, log_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    derived = Scrypt(salt=salt, length=48, n=1 << log_n, r=r, p=p).derive(key.encode())
    return derived[:32], derived[32:]


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">QB", index, 1 if final else 0)


class EncryptingWriter(io.RawIOBase):
    """Writes the header, then everything written to it as authenticated chunks."""

    def __init__(self, raw, key: str, chunk_size: int = CHUNK_SIZE):
        super().__init__()
        salt = os.urandom(16)
        aes_key, check = _derive(key, salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P)
        self._header = HEADER.pack(
            MAGIC, FORMAT, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, salt, chunk_size, check
        )
        self._raw = raw
        self._aead = AESGCM(aes_key)
        self._chunk_size = chunk_size
        self._buffer = bytearray()
        self._index = 0
        self._finished = False
        raw.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self._finished:
            raise ValueError("write to a finished backup stream")
        self._buffer += data
        # Keep at least one byte back, so the last chunk is written by finish(), marked last.
        while len(self._buffer) > self._chunk_size:
            self._emit(bytes(self._buffer[: self._chunk_size]), final=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def _emit(self, plain: bytes, final: bool) -> None:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plain, _aad(self._header, self._index, final))
        self._raw.write(nonce + sealed)
        self._index += 1

    def finish(self) -> None:
        if not self._finished:
            self._emit(bytes(self._buffer), final=True)
            self._buffer.clear()
            self._finished = True


def read_header(raw, path: Path, key: str) -> tuple[bytes, bytes, int]:
    """Check the header and the key: (header, AES key, chunk size)."""
    header = raw.read(HEADER.size)
    if len(header) < HEADER.size or header[:8] != MAGIC:
        raise BackupError(f"{path} is not a senco backup (it does not start as one does).")
    _magic, version, log_n, r, p, salt, chunk_size, check = HEADER.unpack(header)
    if version != FORMAT:
        raise BackupError(
            f"{path} is a senco backup in format {version}, which this version of senco "
            f"cannot read (it reads format {FORMAT}): restore it with a newer senco."
        )
    if not (14 <= log_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16) or not (
        4096 <= chunk_size <= 64 << 20
    ):
        raise BackupError(f"{path} has a damaged header: it cannot be opened.")
    aes_key, expected = _derive(key, salt, log_n, r, p)
    if not hmac.compare_digest(check, expected):
        raise BackupError(
            f"{KEY_VARIABLE} does not open {path}: it is not the key this backup was made "
            "with (or the file's header is damaged). Nothing was changed."
        )
    return header, aes_key, chunk_size


class DecryptingReader(io.RawIOBase):
    """Reads the payload back, checking every chunk; `finish()` checks it ended properly."""

    def __init__(self, raw, path: Path, key: str):
        super().__init__()
        self._path = path
        self._header, aes_key, chunk_size = read_header(raw, path, key)
        self._aead = AESGCM(aes_key)
        self._raw = raw
        self._block = NONCE_BYTES + chunk_size + TAG_BYTES
        self._pending = raw.read(self._block)
        self._index = 0
        self._plain = b""
        self._offset = 0
        self._done = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> bool:
        if self._done:
            return False
        block = self._pending
        if len(block) < NONCE_BYTES + TAG_BYTES:
            raise BackupError(
                f"{self._path} is incomplete: it ends before its last part (it was cut short "
                "while being written or copied). Nothing was changed."
            )
        following = self._raw.read(self._block) if len(block) == self._block else b""
        final = not following
        nonce, sealed = block[:NONCE_BYTES], block[NONCE_BYTES:]
        try:
            plain = self._aead.decrypt(nonce, sealed, _aad(self._header, self._index, final))
        except InvalidTag:
            if final and self._opens(nonce, sealed, final=False):
                raise BackupError(
                    f"{self._path} is incomplete: it ends after part {self._index + 1}, "
                    "before its last part (it was cut short while being written or copied). "
                    "Nothing was changed."
                ) from None
            raise BackupError(
                f"{self._path} is damaged or has been changed (part {self._index + 1} fails "
                "its check): it cannot be restored. Nothing was changed."
            ) from None
        self._pending = following
        self._index += 1
        self._plain, self._offset = plain, 0
        self._done = final
        return True

    def _opens(self, nonce: bytes, sealed: bytes, final: bool) -> bool:
        try:
            self._aead.decrypt(nonce, sealed, _aad(self._header, self._index, final))
        except InvalidTag:
            return False
        return True

    def read(self, size: int = -1) -> bytes:
        out = bytearray()
        while size < 0 or len(out) < size:
            if self._offset >= len(self._plain) and not self._next_chunk():
                break
            want = len(self._plain) - self._offset
            if size >= 0:
                want = min(want, size - len(out))
            out += self._plain[self._offset : self._offset + want]
            self._offset += want
        return bytes(out)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def finish(self) -> None:
        """Read to the end (the rest of the tar stream's last record): every part must
        check out, the last one must come, and nothing after it."""
        while self.read(COPY_BUFFER):
            pass
        if self._raw.read(1):
            raise BackupError(
                f"{self._path} is damaged or has been changed (it goes on after its last "
                "part): it cannot be restored. Nothing was changed."
            )


# --- what is in the database ---------------------------------------------------------------


def senco_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("senco")
    except PackageNotFoundError:
        return "unknown"


def record_tables(connection) -> list[str]:
    """The tables whose rows are records: every senco app's models, and the users, but not
    the server's own bookkeeping (the scheduler's and the worker's heartbeats and runs),
    which a server writes as soon as its timers start."""
    names = set()
    for config in apps.get_app_configs():
        if config.name == "senco" or config.name.startswith("senco."):
            for model in config.get_models(include_auto_created=True):
                meta = model._meta
                if meta.managed and not meta.proxy and meta.label_lower not in BOOKKEEPING:
                    names.add(meta.db_table)
    names.add(get_user_model()._meta.db_table)
    existing = set(connection.introspection.table_names())
    return sorted(names & existing)


def tables_holding_records(connection) -> list[str]:
    qn = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for table in record_tables(connection):
            cursor.execute(f"SELECT 1 FROM {qn(table)} LIMIT 1")  # noqa: S608 (a table name)
            if cursor.fetchone():
                found.append(table)
    return found


def _migrations(rows) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def applied_migrations(connection) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    return _migrations(recorder.applied_migrations())


def migration_difference(backup: dict, target: dict, known=None) -> list[str]:
    """One sentence per app whose applied migrations differ, saying what to do."""
    if known is None:
        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    lines = []
    for app in sorted(set(backup) | set(target)):
        theirs, ours = set(backup.get(app, [])), set(target.get(app, []))
        if theirs == ours:
            continue
        last = sorted(theirs)[-1] if theirs else "zero"
        if any((app, name) not in known for name in theirs - ours):
            lines.append(
                f"{app}: the backup has migrations this senco does not know "
                f"({', '.join(sorted(theirs - ours))}): it was made by a newer senco. "
                "Install that version (or a later one), migrate, then restore."
            )
        else:
            parts = []
            if theirs - ours:
                parts.append(f"the backup has {', '.join(sorted(theirs - ours))}")
            if ours - theirs:
                parts.append(f"this database has {', '.join(sorted(ours - theirs))}")
            lines.append(
                f"{app}: {' and '.join(parts)}. Bring this database to the backup's state "
                f"with `python manage.py migrate {app} {last}`, restore, then run "
                "`python manage.py migrate`."
            )
    return lines


def _table_counts(cursor, tables, quote) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (a table name)
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- making a backup -----------------------------------------------------------------------


def _dump_sqlite(connection, into: Path) -> tuple[dict, dict]:
    """SQLite's online backup of the live database into `into`: (row counts, migrations)."""
    connection.ensure_connection()
    target = sqlite3.connect(into)
    try:
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
        cursor = target.cursor()
        tables = [
            row[0]
            for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            )
        ]
        counts = _table_counts(cursor, tables, _sqlite_quote)
        migrations = {}
        if "django_migrations" in tables:
            migrations = _migrations(cursor.execute("SELECT app, name FROM django_migrations"))
    finally:
        target.close()
    return counts, migrations


def pg_program(name: str) -> str:
    """The path of a PostgreSQL program: PG_BINDIR, then PATH, then Debian's folders."""
    bindir = os.environ.get("PG_BINDIR")
    if bindir and (Path(bindir) / name).is_file():
        return str(Path(bindir) / name)
    found = shutil.which(name)
    if found:
        return found

    def major(path: Path) -> int:
        version = path.parent.parent.name
        return int(version) if version.isdigit() else 0

    debian = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=major, reverse=True)
    if debian:
        return str(debian[0])
    raise BackupError(
        f"{name} was not found: install PostgreSQL's client programs (on Debian: apt install "
        "postgresql-client) or set PG_BINDIR to the folder holding them."
    )


def _pg_connection(connection) -> tuple[list[str], dict]:
    """libpq's arguments and environment for the database of a Django connection."""
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    return args[1:], {**os.environ, **(env or {})}


def _run(args: list[str], env: dict, what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if "ERROR" in line or "error" in line]
        detail = "\n".join(errors[-5:] or done.stderr.strip().splitlines()[-5:])
        raise BackupError(f"{what} failed:\n{detail}")


def _dump_postgresql(alias: str, into: Path) -> tuple[dict, dict]:
    """pg_dump of the data in a snapshot, with the row counts and migrations read in it."""
    dump = pg_program("pg_dump")
    connection = connections[alias].copy()  # its own session, for the snapshot
    try:
        with connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = connection.introspection.table_names(cursor)
            counts = _table_counts(cursor, tables, connection.ops.quote_name)
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _migrations(cursor.fetchall())
            args, env = _pg_connection(connection)
            _run(
                [
                    dump,
                    "--format=custom",
                    "--data-only",
                    "--no-password",
                    f"--snapshot={snapshot}",
                    f"--file={into}",
                    *args,
                ],
                env,
                "pg_dump",
            )
            cursor.execute("ROLLBACK")
    finally:
        connection.close()
    return counts, migrations


class _Hashing:
    """A file read through, counting and hashing what passes."""

    def __init__(self, file):
        self._file = file
        self.sha256 = hashlib.sha256()
        self.bytes = 0

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self.sha256.update(data)
        self.bytes += len(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, file, size: int, mtime: float) -> dict:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    hashing = _Hashing(file)
    tar.addfile(info, hashing)
    return {"bytes": hashing.bytes, "sha256": hashing.sha256.hexdigest()}


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative posix path, path) for every regular file under root, sorted."""
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


def _open_new(path: Path, overwrite: bool):
    """The backup's `.partial` file beside FILE, readable by its owner only."""
    if path.exists() and not overwrite:
        raise BackupError(f"{path} already exists: choose another name, or add --overwrite.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return partial, os.fdopen(fd, "wb")


def backup(
    path, *, key: str, using: str = DEFAULT_DB_ALIAS, media_root=None, overwrite: bool = False
) -> BackupResult:
    """Write the database of `using` and the files under `media_root` to `path`."""
    started = time.monotonic()
    path = Path(path)
    media_root = Path(settings.PRIVATE_MEDIA_ROOT if media_root is None else media_root)
    if len(key) < MIN_KEY_LENGTH:
        raise BackupError(
            f"{KEY_VARIABLE} is too short ({len(key)} characters): use at least "
            f"{MIN_KEY_LENGTH}, e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))'."
        )
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    partial, raw = _open_new(path, overwrite)
    try:
        with raw, tempfile.TemporaryDirectory(prefix="senco-backup-") as work:
            dump_path = Path(work) / DUMPS[vendor]
            if vendor == "sqlite":
                copy = Path(work) / "database.sqlite3"
                counts, migrations = _dump_sqlite(connection, copy)
                with copy.open("rb") as plain, gzip.open(dump_path, "wb", COMPRESS_LEVEL) as gz:
                    shutil.copyfileobj(plain, gz, COPY_BUFFER)
                copy.unlink()
            else:
                counts, migrations = _dump_postgresql(using, dump_path)
            writer = EncryptingWriter(raw, key)
            manifest = {
                "format": FORMAT,
                "senco_version": senco_version(),
                "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "database": {"vendor": vendor, "file": DUMPS[vendor], "tables": counts},
                "migrations": migrations,
                "media": [],
            }
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                with dump_path.open("rb") as dump:
                    stat = os.fstat(dump.fileno())
                    manifest["database"] |= _add_file(
                        tar, DUMPS[vendor], dump, stat.st_size, stat.st_mtime
                    )
                own = {partial.resolve(), path.resolve()}  # if written among the photos
                for relative, file_path in media_files(media_root):
                    if file_path.resolve() in own:
                        continue
                    try:
                        file = file_path.open("rb")
                    except FileNotFoundError:  # removed since the folder was listed
                        continue
                    with file:
                        stat = os.fstat(file.fileno())
                        entry = _add_file(tar, MEDIA + relative, file, stat.st_size, stat.st_mtime)
                    manifest["media"].append({"path": relative, **entry})
                data = json.dumps(manifest, indent=1, sort_keys=True).encode()
                _add_file(tar, MANIFEST, io.BytesIO(data), len(data), time.time())
            writer.finish()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(
        path=path,
        bytes=path.stat().st_size,
        vendor=vendor,
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(manifest["media"]),
        media_bytes=sum(m["bytes"] for m in manifest["media"]),
        seconds=time.monotonic() - started,
    )


# --- reading a backup ----------------------------------------------------------------------


@dataclass
class Opened:
    """A backup decrypted into a private folder and checked against its manifest."""

    manifest: dict
    database: Path
    media: dict[str, Path] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return self.manifest["database"]["tables"]

    @property
    def vendor(self) -> str:
        return self.manifest["database"]["vendor"]


def _member_path(name: str) -> str | None:
    """The media path of a tar member's name, "" for the other known names, None if bad."""
    if name == MANIFEST or name in DUMPS.values():
        return ""
    if not name.startswith(MEDIA):
        return None
    relative = PurePosixPath(name[len(MEDIA) :])
    if relative.is_absolute() or not relative.parts or ".." in relative.parts or "\\" in name:
        return None
    return relative.as_posix()


def open_backup(path, *, key: str, into: Path, media_into: Path | None = None) -> Opened:
    """Decrypt `path` into the folder `into` (the media into `media_into`, if given) and
    check everything against the manifest."""
    path = Path(path)
    media_into = into / "media" if media_into is None else media_into
    if not path.is_file():
        raise BackupError(f"There is no file {path}.")
    found: dict[str, dict] = {}
    files: dict[str, Path] = {}
    manifest_bytes = None
    with path.open("rb") as raw:
        reader = DecryptingReader(raw, path, key)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                for member in tar:
                    relative = _member_path(member.name)
                    if relative is None or not member.isfile() or member.name in found:
                        raise BackupError(
                            f"{path} holds an unexpected entry ({member.name!r}): "
                            "it was not made by senco's backup. Nothing was changed."
                        )
                    source = tar.extractfile(member)
                    if member.name == MANIFEST:
                        manifest_bytes = source.read()
                        continue
                    target = media_into / relative if relative else into / member.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    hashing = _Hashing(source)
                    with target.open("wb") as out:
                        shutil.copyfileobj(hashing, out, COPY_BUFFER)
                    found[member.name] = {
                        "bytes": hashing.bytes,
                        "sha256": hashing.sha256.hexdigest(),
                    }
                    files[member.name] = target
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(
                f"{path} could not be read ({error}): it is damaged. Nothing was changed."
            ) from error
        reader.finish()
    if manifest_bytes is None:
        raise BackupError(f"{path} has no manifest: it is incomplete. Nothing was changed.")
    manifest = json.loads(manifest_bytes)
    database = manifest["database"]
    expected = {database["file"]: database} | {MEDIA + m["path"]: m for m in manifest["media"]}
    if set(expected) != set(found):
        missing = sorted(set(expected) - set(found))
        extra = sorted(set(found) - set(expected))
        raise BackupError(
            f"{path} does not match its manifest (missing {missing}, not listed {extra}). "
            "Nothing was changed."
        )
    for name, entry in expected.items():
        if (entry["bytes"], entry["sha256"]) != (found[name]["bytes"], found[name]["sha256"]):
            raise BackupError(
                f"{name} in {path} is not the file that was backed up (its SHA-256 differs). "
                "Nothing was changed."
            )
    media = {m["path"]: files[MEDIA + m["path"]] for m in manifest["media"]}
    return Opened(manifest=manifest, database=files[database["file"]], media=media)


# --- restoring -----------------------------------------------------------------------------


def _check_target(opened: Opened, connection, media_root: Path) -> None:
    name = connection.settings_dict["NAME"]
    vendor = connection.vendor
    if vendor != opened.vendor:
        raise BackupError(
            f"The backup is of a {VENDOR_NAMES.get(opened.vendor, opened.vendor)} database; "
            f"this one is {VENDOR_NAMES.get(vendor, vendor)}. Restore it into the same kind "
            "of database. Nothing was changed."
        )
    target_migrations = applied_migrations(connection)
    if not target_migrations:
        raise BackupError(
            f"The database {name} has not been migrated: run `python manage.py migrate`, "
            "then restore. Nothing was changed."
        )
    different = migration_difference(opened.manifest["migrations"], target_migrations)
    if different:
        raise BackupError(
            f"The backup was made at other migrations than the database {name} has "
            f"(backup made by senco {opened.manifest['senco_version']}):\n- "
            + "\n- ".join(different)
            + "\nNothing was changed."
        )
    tables = set(connection.introspection.table_names())
    missing = sorted(set(opened.counts) - tables)
    if missing:
        raise BackupError(
            f"The database {name} has no tables {', '.join(missing)}, which the backup has. "
            "Nothing was changed."
        )
    holding = tables_holding_records(connection)
    if holding:
        shown = ", ".join(holding[:5]) + (f" and {len(holding) - 5} more" if holding[5:] else "")
        raise BackupError(
            f"The database {name} already holds records (in {shown}). A backup is restored "
            "only into a database just made with `python manage.py migrate`, so nothing is "
            "overwritten. Nothing was changed."
        )
    if any(True for _ in media_files(media_root)) or (
        media_root.exists() and not media_root.is_dir()
    ):
        raise BackupError(
            f"PRIVATE_MEDIA_ROOT ({media_root}) already holds files: restore needs an empty "
            "folder. Nothing was changed."
        )
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction. Nothing was changed.")


def _check_sqlite_columns(opened: Opened, connection) -> None:
    backup_db = sqlite3.connect(f"file:{opened.database}?mode=ro", uri=True)
    try:
        with connection.cursor() as cursor:
            for table in opened.counts:
                quoted = _sqlite_quote(table)
                theirs = {row[1] for row in backup_db.execute(f"PRAGMA table_info({quoted})")}
                ours = {row[1] for row in cursor.execute(f"PRAGMA table_info({quoted})")}
                if theirs != ours:
                    raise BackupError(
                        f"The table {table} has other columns in the backup "
                        f"({', '.join(sorted(theirs ^ ours))} differ). Nothing was changed."
                    )
    finally:
        backup_db.close()


def _counts_differ(cursor, counts: dict, quote) -> list[str]:
    found = _table_counts(cursor, counts, quote)
    return [f"{t} has {found[t]} rows, the backup {n}" for t, n in counts.items() if found[t] != n]


def _load_sqlite(opened: Opened, connection, alias: str) -> None:
    record = set(record_tables(connection))
    tables = list(opened.counts)
    with connection.constraint_checks_disabled(), connection.cursor() as cursor:
        cursor.execute("ATTACH DATABASE %s AS senco_backup", [str(opened.database)])
        try:
            with transaction.atomic(using=alias):
                for table in tables:
                    quoted = _sqlite_quote(table)
                    if table in record:
                        cursor.execute(f"SELECT 1 FROM main.{quoted} LIMIT 1")  # noqa: S608
                        if cursor.fetchone():
                            raise BackupError(
                                f"Records appeared in {table} while restoring. Nothing was changed."
                            )
                    columns = ", ".join(
                        _sqlite_quote(row[1])
                        for row in cursor.execute(f"PRAGMA main.table_info({quoted})").fetchall()
                    )
                    cursor.execute(f"DELETE FROM main.{quoted}")  # noqa: S608 (a table name)
                    cursor.execute(
                        f"INSERT INTO main.{quoted} ({columns}) "  # noqa: S608 (names)
                        f"SELECT {columns} FROM senco_backup.{quoted}"
                    )
                sequences = "SELECT 1 FROM {}.sqlite_master WHERE name = 'sqlite_sequence'"
                if cursor.execute(sequences.format("main")).fetchone():
                    cursor.execute("DELETE FROM main.sqlite_sequence")
                    if cursor.execute(sequences.format("senco_backup")).fetchone():
                        cursor.execute(
                            "INSERT INTO main.sqlite_sequence (name, seq) "
                            "SELECT name, seq FROM senco_backup.sqlite_sequence"
                        )
                problems = cursor.execute("PRAGMA main.foreign_key_check").fetchall()
                if problems:
                    shown = ", ".join(f"{row[0]} row {row[1]} -> {row[2]}" for row in problems[:5])
                    raise BackupError(
                        f"The backup's data break {len(problems)} foreign keys ({shown}). "
                        "Nothing was changed."
                    )
                wrong = _counts_differ(cursor, opened.counts, _sqlite_quote)
                if wrong:
                    raise BackupError(
                        "After loading, the row counts differ from the backup's: "
                        + "; ".join(wrong[:5])
                        + ". Nothing was changed."
                    )
        finally:
            cursor.execute("DETACH DATABASE senco_backup")


def _load_postgresql(opened: Opened, connection, work: Path) -> None:
    quote = connection.ops.quote_name
    restore, psql = pg_program("pg_restore"), pg_program("psql")
    data = work / "data.sql"
    _run(
        [
            restore,
            "--data-only",
            "--no-owner",
            "--no-privileges",
            f"--file={data}",
            str(opened.database),
        ],
        dict(os.environ),
        "pg_restore",
    )
    tables = list(opened.counts)
    guard = " OR ".join(
        f"EXISTS (SELECT 1 FROM {quote(t)})"  # noqa: S608 (table names)
        for t in record_tables(connection)
    )
    prelude = work / "prelude.sql"
    prelude.write_text(
        "SET CONSTRAINTS ALL DEFERRED;\n"
        + (
            f"DO $senco$ BEGIN IF {guard} THEN RAISE EXCEPTION "
            "'senco: records appeared in the database while restoring'; END IF; END $senco$;\n"
            if guard
            else ""
        )
        + f"TRUNCATE TABLE {', '.join(quote(t) for t in tables)};\n",
        encoding="utf-8",
    )
    checks = "\n".join(
        f"  SELECT COUNT(*) INTO n FROM {quote(t)}; IF n <> {int(count)} THEN "  # noqa: S608
        "RAISE EXCEPTION "
        f"'senco: % has % rows after loading, the backup %', '{t}', n, {int(count)}; END IF;"
        for t, count in opened.counts.items()
    )
    epilogue = work / "epilogue.sql"
    epilogue.write_text(
        "RESET search_path;\nSET CONSTRAINTS ALL IMMEDIATE;\n"
        f"DO $senco$\nDECLARE n bigint;\nBEGIN\n{checks}\nEND $senco$;\n",
        encoding="utf-8",
    )
    args, env = _pg_connection(connection)
    _run(
        [
            psql,
            "--no-psqlrc",
            "--quiet",
            "--no-password",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            f"--file={prelude}",
            f"--file={data}",
            f"--file={epilogue}",
            *args,
        ],
        env,
        "Loading the backup with psql (rolled back: nothing was changed)",
    )


def _staging(media_root: Path, work: Path) -> Path:
    """Where the media are decrypted to: beside PRIVATE_MEDIA_ROOT when its parent folder
    may be written, so that placing them is a rename, not a second copy; else in `work`."""
    try:
        return Path(
            tempfile.mkdtemp(prefix=f".{media_root.name}-restoring-", dir=media_root.parent)
        )
    except OSError:
        return work / "media"


def _place_media(opened: Opened, media_root: Path) -> tuple[list[Path], list[Path]]:
    """Move (or copy) the media into place: (files written, folders made), for undoing."""
    written: list[Path] = []
    made: list[Path] = []
    try:
        for relative, source in opened.media.items():
            target = media_root / relative
            missing = []
            folder = target.parent
            while not folder.exists():
                missing.append(folder)
                folder = folder.parent
            for folder in reversed(missing):
                folder.mkdir()
                made.append(folder)
            try:
                os.replace(source, target)
            except OSError:  # another file system
                shutil.copyfile(source, target)
            written.append(target)
    except BaseException:
        _undo_media(written, made)
        raise
    return written, made


def _undo_media(written: list[Path], made: list[Path]) -> None:
    for path in written:
        path.unlink(missing_ok=True)
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _gunzip(source: Path, target: Path) -> Path:
    try:
        with gzip.open(source, "rb") as gz, target.open("wb") as out:
            shutil.copyfileobj(gz, out, COPY_BUFFER)
    except (OSError, EOFError) as error:
        raise BackupError(f"The database in the backup is damaged ({error}).") from error
    source.unlink()
    return target


def restore(
    path, *, key: str, using: str = DEFAULT_DB_ALIAS, media_root=None, check_only: bool = False
) -> RestoreResult:
    """Bring back the backup `path` into the database `using` and `media_root`.

    With check_only, decrypt and verify the whole file and change nothing."""
    started = time.monotonic()
    path = Path(path)
    media_root = Path(settings.PRIVATE_MEDIA_ROOT if media_root is None else media_root)
    with contextlib.ExitStack() as cleanup:
        work = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="senco-restore-")))
        media_into = work / "media" if check_only else _staging(media_root, work)
        cleanup.callback(shutil.rmtree, media_into, ignore_errors=True)
        opened = open_backup(path, key=key, into=work / "backup", media_into=media_into)
        if opened.vendor == "sqlite":
            opened.database = _gunzip(opened.database, work / "database.sqlite3")
        connection = connections[using]
        if not check_only:
            _check_target(opened, connection, media_root)
            if opened.vendor == "sqlite":
                _check_sqlite_columns(opened, connection)
            written, made = _place_media(opened, media_root)
            try:
                if opened.vendor == "sqlite":
                    _load_sqlite(opened, connection, using)
                else:
                    _load_postgresql(opened, connection, work)
            except BaseException:
                _undo_media(written, made)
                raise
            ContentType.objects.clear_cache()
    manifest = opened.manifest
    return RestoreResult(
        path=path,
        bytes=path.stat().st_size,
        vendor=opened.vendor,
        made_at=manifest["created_at"],
        senco_version=manifest["senco_version"],
        tables=len(opened.counts),
        rows=sum(opened.counts.values()),
        files=len(manifest["media"]),
        media_bytes=sum(m["bytes"] for m in manifest["media"]),
        seconds=time.monotonic() - started,
        restored=not check_only,
        database=str(connections[using].settings_dict["NAME"]),
        media_root=media_root,
    )


def size(n: int) -> str:
    """1536 -> "1.5 kB": decimal units, as file managers show them."""
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"
