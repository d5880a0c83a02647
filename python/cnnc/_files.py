"""Output files written the way cnnc writes its own (Sources/CNNFiles/OutputFile.swift): the bytes go
to a temporary file beside the final path, flushed to disk, which is renamed over it only once
complete, so a reader never sees half a file and an interrupted run leaves the old file as it was.

An output is a regular file or a new path. A directory, device, FIFO or socket is refused, and so
is a symbolic link that resolves to anything but a regular file; a link to a regular file is
written through (the file it resolves to is replaced, the link stays).
"""
import os
import stat
import tempfile


def output_destination(path):
    """The file an output at ``path`` replaces (``path``, or the regular file a link resolves to).

    Raises ``OSError`` with a message in cnnc's words when ``path`` cannot be an output.
    """
    try:
        info = os.stat(path)  # follows links: a link is judged by what it resolves to
    except FileNotFoundError:
        if os.path.islink(path):
            raise OSError(f"{path}: expected an output file or a symbolic link to one, got a link that resolves to no file")
        return path
    if not stat.S_ISREG(info.st_mode):
        raise OSError(f"{path}: expected an output file path, got {_kind(info.st_mode)}; nothing was written")
    return os.path.realpath(path) if os.path.islink(path) else path


def write_atomically(path, write, text=False):
    """Writes ``path`` with what ``write(file)`` writes to an open temporary file beside it, then renames it into place."""
    destination = output_destination(path)
    directory = os.path.dirname(destination) or "."
    fd, temporary = tempfile.mkstemp(prefix="." + os.path.basename(destination)[:200] + ".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "w" if text else "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, destination)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _kind(mode):
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "a file of unknown kind"
