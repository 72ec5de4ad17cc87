"""Write files safely: a reader sees the old file or the new one, never half of either, and nothing else is harmed.

- A new file gets the mode the umask gives; a replaced file keeps its mode (and its owner, where allowed).
- A symbolic link is followed: its target is replaced, the link stays a link.
- A target that is not a regular file (a device such as /dev/null, a FIFO) is written to directly and
  never replaced, so ``-o /dev/null`` does not turn /dev/null into a file.
- A name for one of this process's open descriptors (/dev/stdout, /dev/stderr, /dev/fd/N,
  /proc/self/fd/N) is written through that descriptor, whatever it is open on: ``-o /dev/stdout >> log``
  appends to the log (it is not replaced by a new file), and in a pipe it writes into the pipe.
- A missing parent folder is an error, not created behind the user's back.
- On any failure (a full disk, no permission, SIGTERM or Ctrl-C) the temporary file and the files
  SQLite keeps beside it are removed, and the error names what happened.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from cqsc.model.errors import FileError

_SIDE_FILES = ("-journal", "-wal", "-shm")  # what SQLite may leave beside a database it writes


class WriteError(FileError, OSError):
    """A file could not be written; ``str()`` says why in one line, naming the path."""


def check_replaceable(path: Path, shown: Path | None = None) -> None:
    """Raise WriteError, before anything is written, unless ``path`` (after links) may be replaced.

    It may be when it is absent or a regular file, and neither it nor its folder is read-only: mode bits
    with no write bit at all say read-only even to root, whom os.access lets through. A FIFO or a device
    is never replaced (opening one to read it back could block, and renaming over it would not write it).
    """
    shown = shown or path
    real = Path(os.path.realpath(path))
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(exc.errno or errno.EIO, f"{shown}: cannot be written: {exc.strerror}; nothing was changed") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise WriteError(errno.EINVAL, f"{shown}: cannot be written: not a regular file; nothing was changed")
    for what, target in ((("the file", real),) if st is not None else ()) + (("its folder", real.parent),):
        try:
            if not os.access(target, os.W_OK) or not os.stat(target).st_mode & 0o222:
                raise WriteError(errno.EACCES, f"{shown}: cannot be written: {what} is read-only; nothing was changed")
        except FileNotFoundError:
            raise WriteError(errno.ENOENT, f"{shown}: cannot be written: the folder {real.parent} does not exist; nothing was changed") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def resolve(path: Path) -> Path:
    """The file a write to ``path`` lands in: the link's target for a symbolic link."""
    if str(path) == "":
        raise WriteError(errno.EINVAL, "no file name given (use -o - for standard output)")
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextlib.contextmanager
def _signals_clean_up(path: Path) -> Iterator[Callable[[], None]]:
    """Turn SIGTERM into an exception for the duration of a write, so its clean-up runs.

    Yields ``hold``: called just before the file is put in place, it makes a SIGTERM wait until the
    move and the clean-up are done, and then has it end the process as it would have anyway, so that
    "nothing was written" is never said of a file that was.
    """
    held: list[set[int | signal.Signals]] = []

    def stop(signum: int, frame: object) -> None:
        raise WriteError(errno.EINTR, f"{path}: interrupted by signal {signum}; nothing was written")

    def hold() -> None:
        if not held and hasattr(signal, "pthread_sigmask"):
            held.append(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM}))

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: signals cannot be caught here
        yield lambda: None
        return
    try:
        yield hold
    finally:
        signal.signal(signal.SIGTERM, previous)
        if held:
            signal.pthread_sigmask(signal.SIG_SETMASK, held[0])  # a SIGTERM that waited is delivered now


def _remove(tmp: str) -> None:
    for suffix in ("", *_SIDE_FILES):
        with contextlib.suppress(OSError):
            os.unlink(tmp + suffix)


_DESCRIPTOR = re.compile(r"/dev/(?:fd/(?P<n>\d+)|(?P<std>stdin|stdout|stderr))|/proc/(?:self|thread-self|(?P<pid>\d+))/fd/(?P<m>\d+)")
_STD = {"stdin": 0, "stdout": 1, "stderr": 2}


def descriptor(path: Path) -> int | None:
    """The open descriptor of this process that ``path`` names (/dev/stdout, /dev/fd/3, …), or None.

    The links are followed one step at a time, since the last step names the descriptor, not a file:
    for a pipe it names nothing that could be opened or replaced.
    """
    name = os.path.abspath(path)
    for _ in range(8):
        m = _DESCRIPTOR.fullmatch(name)
        if m is not None and (m["pid"] is None or int(m["pid"]) == os.getpid()):
            return _STD[m["std"]] if m["std"] else int(m["n"] or m["m"])
        if not os.path.islink(name):
            return None
        name = os.path.normpath(os.path.join(os.path.dirname(name), os.readlink(name)))
    return None


def _write_descriptor(fd: int, path: Path, fill: Callable[[str], None]) -> None:
    """Fill a temporary file and copy it into the open descriptor ``fd``, at its position (append kept)."""
    import sys

    for stream in (sys.stdout, sys.stderr):  # what Python holds for the same descriptor goes first
        with contextlib.suppress(Exception):
            stream.flush()
    fd_tmp, tmp = tempfile.mkstemp(prefix=".cqsc.", suffix=".tmp")
    try:
        os.close(fd_tmp)
        fill(tmp)
        with open(tmp, "rb") as src, os.fdopen(os.dup(fd), "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
    except OSError as exc:
        raise WriteError(exc.errno or errno.EIO, f"{path}: cannot be written: {exc.strerror or exc}") from None
    finally:
        _remove(tmp)


def write_file(path: Path, fill: Callable[[str], None], *, sync: bool = True) -> None:
    """Have ``fill(temp_path)`` write the content to a temporary file, then put it at ``path`` in one step.

    Raises WriteError with a one-line reason; leaves no temporary file behind. ``sync=False`` skips the
    flush to disk, for the many files of a site that a rebuild can write again.
    """
    fd = descriptor(path) if str(path) else None
    if fd is not None:
        _write_descriptor(fd, path, fill)
        return
    target = resolve(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):  # nothing there yet, or a parent that is a file (said below)
        st = None
    except OSError as exc:
        raise WriteError(exc.errno or errno.EIO, f"{path}: cannot be written: {exc.strerror or exc}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise WriteError(errno.EISDIR, f"{path}: is a folder; give a file name")
    parent = target.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise WriteError(errno.ENOENT, f"{path}: cannot be written: the folder {parent} {what}")
    special = st is not None and not stat.S_ISREG(st.st_mode)
    tmp_dir = tempfile.gettempdir() if special else str(parent)
    with _signals_clean_up(path) as hold:
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=tmp_dir)
        except OSError as exc:
            raise WriteError(exc.errno or errno.EIO, f"{path}: cannot be written: {exc.strerror or exc}") from None
        try:
            os.close(fd)
            fill(tmp)
            if special:
                # A device or FIFO is written to, never replaced.
                with open(tmp, "rb") as src, open(target, "wb") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
                return
            if sync:
                with open(tmp, "rb+") as f:
                    os.fsync(f.fileno())
            if st is not None:
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
                with contextlib.suppress(OSError):
                    os.chown(tmp, st.st_uid, st.st_gid)
            else:
                os.chmod(tmp, 0o666 & ~_umask())
            hold()
            os.replace(tmp, target)
        except WriteError:
            raise
        except OSError as exc:
            raise WriteError(exc.errno or errno.EIO, f"{path}: cannot be written: {exc.strerror or exc}; nothing was changed") from None
        except KeyboardInterrupt:
            raise WriteError(errno.EINTR, f"{path}: interrupted; nothing was written") from None
        except Exception as exc:  # whatever stopped the content (SQLite's "disk is full"), nothing was written
            raise WriteError(errno.EIO, f"{path}: cannot be written: {exc}; nothing was changed") from None
        finally:
            hold()  # a SIGTERM now would cut the clean-up short: it waits until the temporary file is gone
            _remove(tmp)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` (see write_file)."""

    def fill(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    write_file(path, fill)


def write_bytes(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` (see write_file)."""

    def fill(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(data)

    write_file(path, fill, sync=sync)
