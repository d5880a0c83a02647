"""CPU features: a library records what its code needs, and loading refuses a CPU without it."""

import numpy as np
import pytest

import cnnc
from cnnc import _model

from conftest import LENET, assert_close


def test_missing_features_are_listed_in_order():
    assert _model.missing_cpu_features(["avx", "avx2", "fma"], {"avx", "sse2"}) == ["avx2", "fma"]
    assert _model.missing_cpu_features([], set()) == []


def test_host_features_read_the_flags_line(tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nflags\t\t: fpu avx avx2 fma\n\nprocessor\t: 1\nflags\t\t: fpu\n")
    assert _model.host_cpu_features(str(info)) == {"fpu", "avx", "avx2", "fma"}
    info.write_text("processor\t: 0\nFeatures\t: fp asimd\n")
    assert _model.host_cpu_features(str(info)) == {"fp", "asimd"}
    assert _model.host_cpu_features(str(tmp_path / "missing")) == set()


def test_portable_library_runs_and_states_what_it_chose(tmp_path, lenet_input, lenet_expected):
    """--target portable: loads on any x86-64 host, its chosen code's features are the host's."""
    library = cnnc.compile(LENET / "net.json", tmp_path / "portable.so", target="portable")
    model = cnnc.load(library)
    assert set(model.required_cpu_features) <= _model.host_cpu_features()
    assert_close(model(lenet_input), lenet_expected)


def test_library_for_missing_features_is_refused_by_name(tmp_path, monkeypatch):
    """An x86-64-v3 library on a (made-up) CPU without AVX2: refused at load, naming the features."""
    library = cnnc.compile(LENET / "net.json", tmp_path / "v3.so", target="x86-64-v3")
    monkeypatch.setattr(_model, "host_cpu_features", lambda: {"fpu", "sse2", "avx"})
    with pytest.raises(cnnc.Error) as error:
        cnnc.load(library)
    message = str(error.value)
    assert message.startswith(f"{library}: expected a CPU with avx avx2 fma bmi1 bmi2")
    assert "got one without avx2 fma bmi1 bmi2" in message
