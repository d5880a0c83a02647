"""``cnnc.compile``: the ``cnnc`` command line tool, called from Python."""

import os
import shutil
import subprocess
from pathlib import Path

from ._model import Error


def _repo_builds(start):
    """``.build/release/cnnc`` and ``.build/debug/cnnc`` in ``start`` and each parent directory."""
    for directory in [start, *start.parents]:
        for configuration in ("release", "debug"):
            candidate = directory / ".build" / configuration / "cnnc"
            if candidate.is_file() and os.access(candidate, os.X_OK):
                yield candidate


def find_cnnc():
    """The ``cnnc`` executable: ``$CNNC``, else ``cnnc`` on ``PATH``, else a build in the cnnc repository.

    The repository is looked for above this package's files (an editable or in-tree
    install) and above the working directory.
    """
    explicit = os.environ.get("CNNC")
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise Error(f"{explicit}: expected the cnnc executable (from the CNNC environment variable), got no executable file")
        return explicit
    on_path = shutil.which("cnnc")
    if on_path:
        return on_path
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for candidate in _repo_builds(start):
            return str(candidate)
    raise Error("expected the cnnc command line tool, got none: set CNNC=/path/to/cnnc, put cnnc on PATH, "
                "or run `swift build` in the cnnc repository")


def _arguments(options):
    args = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if key in ("fuse", "winograd"):  # fuse=False -> --no-fuse
            if not value:
                args.append("--no-" + flag[2:])
        elif key == "shape":  # shape={"x": (1, 3, 224, 224)} -> --shape x=1x3x224x224
            for name, dims in dict(value).items():
                args += ["--shape", f"{name}={'x'.join(str(int(d)) for d in dims)}"]
        elif value is True:
            args.append(flag)
        elif value is False or value is None:
            continue
        elif isinstance(value, (list, tuple)):
            for item in value:
                args += [flag, os.fspath(item) if isinstance(item, os.PathLike) else str(item)]
        else:
            args += [flag, os.fspath(value) if isinstance(value, os.PathLike) else str(value)]
    return args


def compile(net, output, **options):
    """Compiles ``net`` (a net.json description or an ONNX model) into the shared library ``output``.

    Keyword options become ``cnnc compile`` options: ``header="net.h"`` is ``--header net.h``,
    ``target="x86-64-v3"``, ``prefix=...``, ``emit_c=...``, ``seeded_weights=1``,
    ``fuse=False`` is ``--no-fuse``, ``winograd=False`` is ``--no-winograd``,
    ``shape={"input": (1, 3, 224, 224)}`` is ``--shape input=1x3x224x224``. Returns ``output``.
    Raises ``cnnc.Error`` with cnnc's message when compilation fails (``output`` is then left
    as it was: cnnc writes atomically).
    """
    executable = find_cnnc()
    args = [executable, "compile", os.fspath(net), "-o", os.fspath(output), *_arguments(options)]
    result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        message = result.stderr.strip() or f"cnnc exited with status {result.returncode}"
        raise Error(message[len("error: "):] if message.startswith("error: ") else message)
    return os.fspath(output)
