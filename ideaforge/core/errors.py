"""Errors every layer raises and every front end knows how to show.

Each error carries a message written for the person using the app: what went wrong and, where
there is one, what to do about it. Front ends show ``str(error)``, never a traceback.
"""

from __future__ import annotations


class IdeaForgeError(Exception):
    """Base class of all expected, user-facing errors."""

    exit_code = 1


class InvalidInput(IdeaForgeError):
    """The input cannot be accepted as it is (empty, too long, malformed)."""


class NotFound(IdeaForgeError):
    """A session, idea or other record does not exist (any more)."""


class InvalidTransition(IdeaForgeError):
    """The requested change is not allowed from the current state."""


class PermissionDenied(IdeaForgeError):
    """The acting participant may not do this."""


class StoreError(IdeaForgeError):
    """The database cannot be used; nothing was changed."""

    exit_code = 3


class DatabaseLocked(StoreError):
    """Another program holds a write lock for longer than we are willing to wait."""


class DatabaseFromNewerVersion(StoreError):
    """The database was written by a newer IdeaForge; opening it could damage it."""


class NotADatabase(StoreError):
    """The file exists but is not an IdeaForge database (or is corrupt)."""


class DiskFull(StoreError):
    """The disk (or the database's size limit) is full."""


class ReadOnlyLocation(StoreError):
    """The database or its folder cannot be written."""


class DatabaseUnavailable(StoreError):
    """The database server cannot be reached or refused the connection."""


class ModelError(IdeaForgeError):
    """A language model cannot be used."""

    exit_code = 4


class ModelMissing(ModelError):
    """The model (or the package holding its weights) is not installed."""


class ModelCorrupt(ModelError):
    """The model's files are damaged, incomplete or not what they claim to be."""


class ModelUnsupported(ModelError):
    """The file or folder is not a kind of model IdeaForge can run."""


class LogTampered(IdeaForgeError):
    """The decision log's hash chain does not verify: a record was altered, inserted or
    removed outside IdeaForge."""

    exit_code = 5


class DownloadError(ModelError):
    """A model could not be downloaded; nothing was installed."""


class DownloadOffline(DownloadError):
    """The server (or the proxy in between) cannot be reached."""


class DownloadNotFound(DownloadError):
    """The server has no such file (HTTP 404 or 410)."""


class DownloadRefused(DownloadError):
    """The server or proxy refused access (HTTP 401, 403, 407): a gated model, a missing or
    wrong token, or a proxy login."""


class DownloadDiskFull(DownloadError):
    """Not enough free disk for the download, found before the first byte or while writing."""


class ChecksumMismatch(DownloadError):
    """A downloaded file is not the one expected (size or SHA-256); it was deleted."""


class DownloadInterrupted(DownloadError):
    """The connection kept failing and did not recover after several tries."""


class LicenceNotAccepted(InvalidInput):
    """The model's licence asks to be read and accepted before the model is downloaded."""
