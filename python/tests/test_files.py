"""The package writes its outputs like cnnc does: atomically, regular files only (cnnc._files)."""
import os

import numpy as np
import pytest

from cnnc._files import write_atomically
from cnnc.reference import write_layers


def test_replaces_a_file_whole_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "out.bin"
    path.write_bytes(b"old")
    write_atomically(str(path), lambda f: f.write(b"new bytes"))
    assert path.read_bytes() == b"new bytes"
    assert os.listdir(tmp_path) == ["out.bin"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "out.bin"
    path.write_bytes(b"old")

    def fail(f):
        f.write(b"half")
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        write_atomically(str(path), fail)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.bin"]


def test_refuses_a_fifo_and_a_directory(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="expected an output file path, got a FIFO; nothing was written"):
        write_atomically(str(fifo), lambda f: f.write(b"x"))
    with pytest.raises(OSError, match="got a directory"):
        write_atomically(str(tmp_path), lambda f: f.write(b"x"))
    with pytest.raises(OSError, match="a link that resolves to no file"):
        os.symlink(tmp_path / "missing", tmp_path / "dangling")
        write_atomically(str(tmp_path / "dangling"), lambda f: f.write(b"x"))


def test_writes_through_a_link_to_a_regular_file(tmp_path):
    (tmp_path / "real.bin").write_bytes(b"old")
    os.symlink("real.bin", tmp_path / "link")
    write_atomically(str(tmp_path / "link"), lambda f: f.write(b"new"))
    assert os.path.islink(tmp_path / "link")
    assert (tmp_path / "real.bin").read_bytes() == b"new"


def test_layer_directory_files_are_complete(tmp_path):
    value = np.arange(6, dtype=np.float32).reshape(1, 6)
    write_layers([("conv/1", value, "Conv", ["x"])], str(tmp_path), "m")
    assert sorted(os.listdir(tmp_path)) == ["0000_conv_1.npy", "layers.json"]
    np.testing.assert_array_equal(np.load(tmp_path / "0000_conv_1.npy"), value)
