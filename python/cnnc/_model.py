"""Loading a cnnc model library and running it on NumPy arrays."""

import ctypes
import os
import threading
from typing import NamedTuple, Tuple

import numpy as np

from . import _abi, _elf


class Error(Exception):
    """Anything that goes wrong loading or running a model, or compiling one.

    The message is phrased like cnnc's own diagnostics, "expected X, got Y", and starts
    with the library's path where the problem is the file.
    """


class TensorInfo(NamedTuple):
    """A model input or output: its name and per-sample shape (no batch dimension)."""
    name: str
    shape: Tuple[int, ...]


def host_cpu_features(cpuinfo_path="/proc/cpuinfo"):
    """The flags of the first processor in /proc/cpuinfo (``flags`` on x86, ``Features`` on ARM)."""
    try:
        with open(cpuinfo_path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return set()
    for line in text.splitlines():
        if (line.startswith("flags") or line.startswith("Features")) and ":" in line:
            return set(line.split(":", 1)[1].split())
    return set()


def missing_cpu_features(required, available):
    """The features in ``required`` that ``available`` lacks, in the order required lists them."""
    return [f for f in required if f not in available]


_MAX_TENSORS = 1 << 16
_MAX_RANK = 64


class _Context:
    """One ``cnnc_context``: an arena for up to ``max_batch`` samples, destroyed with this object."""

    def __init__(self, model, max_batch):
        handle = ctypes.c_void_p()
        status = model._desc.create(max_batch, model.threads, ctypes.byref(handle))
        if status != _abi.OK:
            if handle.value:
                model._desc.destroy(handle)
            raise Error(model._status_text(status))
        if not handle.value:
            raise Error(f"{model.path}: expected a well-formed cnnc model descriptor, got a null context from create with status 0")
        self._destroy = model._desc.destroy
        self.handle = handle
        self.max_batch = max_batch

    def __del__(self):
        handle, self.handle = getattr(self, "handle", None), None
        if handle is not None and handle.value:
            self._destroy(handle)


class Model:
    """A compiled cnnc model: ``cnnc.load(path)`` returns one.

    ``inputs`` and ``outputs`` list the tensors (names, per-sample shapes). ``model(x)``
    runs a one-input model; ``model.run({"name": x})`` any model. A batch is the first
    dimension; any batch size works. Each Python thread gets its own session (a
    ``cnnc_context`` with its own arena), made on its first run and grown when a larger
    batch comes, up to ``max_batch`` samples per internal step (larger batches run in
    chunks inside the library). The GIL is released while the library runs, so threads
    run the model in parallel.
    """

    def __init__(self, path, threads=0, max_batch=32):
        path = os.fspath(path)
        if not isinstance(threads, int) or isinstance(threads, bool) or not 0 <= threads <= 2**31 - 1:
            raise Error(f"expected a thread count from 0 (OpenMP default) to {2**31 - 1}, got {threads!r}")
        if not isinstance(max_batch, int) or isinstance(max_batch, bool) or max_batch < 1:
            raise Error(f"expected max_batch of at least 1, got {max_batch!r}")
        self.path = path
        self.threads = threads
        self.max_batch = max_batch
        if not os.path.exists(path):
            raise Error(f"{path}: expected a cnnc model library, got no file at that path")
        # Without a slash dlopen searches the library path instead of opening the file named.
        load_path = path if "/" in path else "./" + path
        try:
            # ctypes never dlcloses a library, so the OpenMP runtime it brings stays loaded too.
            self._library = ctypes.CDLL(load_path, mode=os.RTLD_NOW | os.RTLD_LOCAL)
        except OSError as e:
            raise Error(f"{path}: expected a shared library, got a file the dynamic loader rejected: {e}") from None
        try:
            symbols = _elf.descriptor_symbols(load_path)
        except _elf.ELFError as e:
            raise Error(f"{path}: expected an ELF64 shared library, got {e}") from None
        if not symbols:
            raise Error(f"{path}: expected a cnnc model library (no '*_cnnc_model' symbol), got a shared library without one")
        if len(symbols) > 1:
            raise Error(f"{path}: expected exactly one '*_cnnc_model' symbol, got {len(symbols)}: {', '.join(symbols)}")
        self.symbol = symbols[0]
        try:
            function = getattr(self._library, self.symbol)
        except AttributeError:
            raise Error(f"{path}: expected an ELF64 shared library, got '{self.symbol}' in its symbol table but not found by dlsym") from None
        function.restype = ctypes.POINTER(_abi.ModelDesc)
        function.argtypes = []
        pointer = function()
        if not pointer:
            raise Error(f"{path}: expected a well-formed cnnc model descriptor, got a null pointer from {self.symbol}()")
        self._desc = pointer.contents
        self._validate()
        self._local = threading.local()

    # -- description ---------------------------------------------------------------------

    def _invalid(self, reason):
        return Error(f"{self.path}: expected a well-formed cnnc model descriptor, got {reason}")

    def _validate(self):
        d = self._desc
        if d.abi_version != _abi.ABI_VERSION:
            raise Error(f"{self.path}: expected cnnc model ABI version {_abi.ABI_VERSION}, got version {d.abi_version} (rebuild it with this cnnc)")
        if d.name is None:
            raise self._invalid("a null model name")
        if d.prefix is None:
            raise self._invalid("a null prefix")
        prefix = d.prefix.decode("utf-8", "replace")
        if prefix + _elf.DESCRIPTOR_SUFFIX != self.symbol:
            raise self._invalid(f"prefix '{prefix}' from the symbol '{self.symbol}'")
        if not d.create or not d.run or not d.destroy:
            raise self._invalid("a null create, run or destroy function")
        self.name = d.name.decode("utf-8", "replace")
        self.prefix = prefix
        self.inputs = self._tensors(d.inputs, d.input_count, "input")
        self.outputs = self._tensors(d.outputs, d.output_count, "output")
        self.workspace_bytes_per_sample = int(d.workspace_bytes_per_sample)
        self.flops_per_sample = int(d.flops_per_sample)
        self.required_cpu_features = []
        if d.abi_revision >= 1:
            features = ctypes.cast(ctypes.pointer(d), ctypes.POINTER(_abi.ModelDescR1)).contents.required_cpu_features
            self.required_cpu_features = (features or b"").decode("utf-8", "replace").split()
        # Before any of the model's code runs: refuse code this CPU cannot execute, by name.
        missing = missing_cpu_features(self.required_cpu_features, host_cpu_features())
        if missing:
            raise Error(f"{self.path}: expected a CPU with {' '.join(self.required_cpu_features)} (the features the library was built for), "
                        f"got one without {' '.join(missing)}; rebuild it for this CPU or with --target portable")

    def _tensors(self, base, count, role):
        if count > _MAX_TENSORS:
            raise self._invalid(f"{count} {role}s")
        if count and not base:
            raise self._invalid(f"{count} {role}s but a null {role} array")
        specs = []
        for index in range(count):
            t = base[index]
            label = f"{role} {index}"
            if t.name is None:
                raise self._invalid(f"a null name for {label}")
            name = t.name.decode("utf-8", "replace")
            if not name:
                raise self._invalid(f"an empty name for {label}")
            if t.rank > _MAX_RANK:
                raise self._invalid(f"rank {t.rank} for {label} '{name}'")
            if t.rank and not t.shape:
                raise self._invalid(f"a null shape for {label} '{name}'")
            shape = tuple(int(t.shape[k]) for k in range(t.rank))
            if any(dim < 1 for dim in shape) or int(np.prod(shape, dtype=object)) != t.element_count:
                raise self._invalid(f"element_count {t.element_count} for {label} '{name}' of shape {list(shape)}")
            if any(s.name == name for s in specs):
                raise self._invalid(f"two {role}s named '{name}'")
            specs.append(TensorInfo(name, shape))
        return tuple(specs)

    def __repr__(self):
        def show(ts):
            return ", ".join(f"{t.name} {list(t.shape)}" for t in ts)
        return f"<cnnc.Model {self.name!r} from {self.path!r}: inputs {show(self.inputs)}; outputs {show(self.outputs)}>"

    def _status_text(self, status):
        message = self._desc.status_message(status) if self._desc.status_message else None
        text = message.decode("utf-8", "replace") if message else "unknown status"
        return f"{self.path}: model returned status {status}: {text}"

    # -- running -----------------------------------------------------------------------

    def __call__(self, x):
        """Runs a one-input model on ``x`` (``[N, ...shape]`` or the per-sample shape).

        Returns the output array, shaped ``[N, ...]``; a tuple of arrays in ``outputs``
        order when the model has several outputs.
        """
        if len(self.inputs) != 1:
            raise Error(f"expected a model with one input for model(x), got {len(self.inputs)} inputs "
                        f"({', '.join(t.name for t in self.inputs)}): use model.run({{name: array, ...}})")
        results = self._run([x])
        return results[0] if len(results) == 1 else tuple(results)

    def run(self, inputs, outputs=None):
        """Runs the model on ``inputs``, a dict of arrays by input name; returns a dict of arrays by output name.

        Every input must be given. ``outputs`` (a list of names) picks the outputs returned;
        all of them by default.
        """
        if not isinstance(inputs, dict):
            raise Error(f"expected a dict of arrays by input name ({', '.join(t.name for t in self.inputs)}), got {type(inputs).__name__}")
        names = [t.name for t in self.inputs]
        for key in sorted(inputs, key=str):
            if key not in names:
                raise Error("expected an input named " + " or ".join(f"'{n}'" for n in names) + f", got '{key}'")
        for name in names:
            if name not in inputs:
                raise Error(f"expected a value for input '{name}', got none")
        output_names = [t.name for t in self.outputs]
        wanted = output_names if outputs is None else list(outputs)
        for name in wanted:
            if name not in output_names:
                raise Error("expected an output named " + " or ".join(f"'{n}'" for n in output_names) + f", got '{name}'")
        results = self._run([inputs[name] for name in names])
        return {name: results[output_names.index(name)] for name in wanted}

    def _session(self, batch):
        """This thread's context, made or grown to hold min(batch, max_batch) samples."""
        context = getattr(self._local, "context", None)
        want = min(batch, self.max_batch)
        if context is None or context.max_batch < want:
            self._local.context = None  # free the old arena before making the larger one
            context = _Context(self, want)
            self._local.context = context
        return context

    def _run(self, values):
        arrays = []
        batch = None
        for spec, value in zip(self.inputs, values):
            array = np.asarray(value)
            if array.dtype.kind not in "fiub":
                raise Error(f"expected a numeric array for input '{spec.name}', got dtype {array.dtype}")
            array = np.ascontiguousarray(array, dtype=np.float32)
            if array.shape == spec.shape:
                n = 1
            elif array.ndim == len(spec.shape) + 1 and array.shape[1:] == spec.shape:
                n = array.shape[0]
            else:
                per_sample = ", ".join(str(d) for d in spec.shape)
                raise Error(f"expected shape [N, {per_sample}] or [{per_sample}] for input '{spec.name}', got {list(array.shape)}")
            if batch is not None and n != batch:
                raise Error(f"expected batch size {batch} for input '{spec.name}' like the other inputs, got {n}")
            batch = n
            arrays.append(array)
        batch = 1 if batch is None else batch
        results = [np.empty((batch,) + spec.shape, dtype=np.float32) for spec in self.outputs]
        if batch == 0:
            return results
        input_pointers = (ctypes.c_void_p * max(len(arrays), 1))(*[a.ctypes.data for a in arrays])
        output_pointers = (ctypes.c_void_p * max(len(results), 1))(*[r.ctypes.data for r in results])
        context = self._session(batch)
        # The GIL is released for the call (a CFUNCTYPE pointer); `arrays` and `results` stay referenced.
        status = self._desc.run(context.handle, batch, input_pointers, output_pointers)
        if status != _abi.OK:
            raise Error(self._status_text(status))
        return results


def load(path, threads=0, max_batch=32):
    """Loads the cnnc model library at ``path``.

    ``threads`` is the OpenMP thread count of each run (0: OpenMP's default, ``OMP_NUM_THREADS``
    or every core). ``max_batch`` caps the samples a session's arena holds at once; larger
    batches still run, in chunks. Raises ``cnnc.Error`` when the file is not a cnnc model.
    """
    return Model(path, threads=threads, max_batch=max_batch)
