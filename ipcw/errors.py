"""The one exception tree of ipcw.

Every error the library raises on purpose derives from :class:`IpcwError`; the CLI turns it into
one line on stderr and the exit code named on the class (an error whose records were ``reported``
one by one already adds no line of its own). Every exit code ipcw gives is named here:
0 done, 1 an error, 2 bad input (click's usage errors too), 3 harvesting failed, 4 the site's layout
changed, 5 done except for records that failed, 75 another ipcw is writing (try later), 130 interrupted.

    IpcwError
    ├── ConfigError            bad setting, option value or config file
    ├── StoreError             the data directory cannot be read or written (disk full, damage)
    │   ├── LockedError        another crawl holds the data directory
    │   ├── ManifestDamagedError  the manifest is damaged: `ipcw check --repair` rebuilds it
    │   └── IndexDamagedError  the search index cannot be read: rebuild it
    ├── HarvestError           listing or downloading failed
    │   ├── FetchError         a request failed after its retries, or was refused (too large,
    │   │                      redirected off the site, robots.txt)
    │   └── LayoutChangedError a page no longer matches the selectors in ipcw.harvester.site
    ├── ExtractError           a file is not a readable PDF, or exceeded a time or memory limit
    ├── IndexingError          one document could not be written to the index
    ├── IndexMissingError      no index has been built yet
    ├── QueryError             a malformed search query
    ├── AlertError             an alert that does not exist (or already does); an unreadable alerts file
    ├── RunIncompleteError     the run went on past records that failed (each reported already)
    ├── FilesRejectedError     files given to `ipcw import` were not stored (each reported already)
    └── InterruptedRunError    the user interrupted the command (Ctrl-C)

Errors about one record (``FetchError`` of a download, ``ExtractError``, ``IndexingError``) are
recorded on that record and the run goes on; the others end the command.
"""

from __future__ import annotations


class IpcwError(Exception):
    """Base class of every error ipcw raises on purpose."""

    exit_code = 1
    #: Whether what went wrong was reported already, record by record: nothing more is printed.
    reported = False


class ConfigError(IpcwError):
    """A setting, option value or config file is invalid. ``setting`` names the setting at fault,
    when there is one."""

    exit_code = 2

    def __init__(self, message: str, setting: str | None = None) -> None:
        super().__init__(message)
        self.setting = setting


class StoreError(IpcwError):
    """The data directory cannot be read or written."""


class LockedError(StoreError):
    """Another process holds the data directory's lock."""

    exit_code = 75  # EX_TEMPFAIL: try again later


class ManifestDamagedError(StoreError):
    """The manifest (``manifest.sqlite3``) is damaged, as a file or as a database."""


class IndexDamagedError(StoreError):
    """The search index exists but cannot be read."""


class HarvestError(IpcwError):
    """Listing or downloading documents failed."""

    exit_code = 3


class FetchError(HarvestError):
    """A request failed after all its retries."""


class LayoutChangedError(HarvestError):
    """A page of the site no longer matches the selectors in :mod:`ipcw.harvester.site`."""

    exit_code = 4

    def __init__(self, selector: str, url: str, detail: str = "") -> None:
        self.selector = selector
        self.url = url
        message = f"page layout changed: {selector!r} not found on {url}"
        if detail:
            message += f" ({detail})"
        super().__init__(message)


class ExtractError(IpcwError):
    """A file is not a readable PDF, or reading it exceeded a time or memory limit."""


class IndexingError(IpcwError):
    """One document could not be written to the index."""


class IndexMissingError(IpcwError):
    """No search index exists yet in the data directory."""


class QueryError(IpcwError):
    """A search query is malformed."""

    exit_code = 2


class AlertError(IpcwError):
    """An alert that does not exist, or already does; an alerts file that cannot be read."""


class RunIncompleteError(IpcwError):
    """The run did what it could; some records failed, and each was reported (on stderr and in the
    store) already."""

    exit_code = 5
    reported = True


class FilesRejectedError(IpcwError):
    """Files given to ``ipcw import`` were not stored; each was reported already."""

    reported = True


class InterruptedRunError(IpcwError):
    """The user interrupted the command."""

    exit_code = 130
