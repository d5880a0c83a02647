"""Bad libraries and bad arguments raise cnnc.Error with cnnc's wording, never crash."""

import shutil
import subprocess

import numpy as np
import pytest

import cnnc


def test_no_file(tmp_path):
    path = tmp_path / "missing.so"
    with pytest.raises(cnnc.Error, match=r"missing\.so: expected a cnnc model library, got no file at that path"):
        cnnc.load(path)


def test_not_a_library(tmp_path):
    path = tmp_path / "text.so"
    path.write_text("not a library")
    with pytest.raises(cnnc.Error, match=r"text\.so: expected a shared library, got a file the dynamic loader rejected"):
        cnnc.load(path)


def test_shared_library_without_a_model(tmp_path):
    compiler = shutil.which("clang") or shutil.which("cc")
    if compiler is None:
        pytest.skip("no C compiler")
    source = tmp_path / "plain.c"
    source.write_text("int plain_add(int a, int b) { return a + b; }\n")
    library = tmp_path / "libplain.so"
    subprocess.run([compiler, "-shared", "-fPIC", str(source), "-o", str(library)], check=True)
    with pytest.raises(cnnc.Error, match=r"libplain\.so: expected a cnnc model library \(no '\*_cnnc_model' symbol\), got a shared library without one"):
        cnnc.load(library)


def test_bad_arguments(lenet_library, lenet_input):
    m = cnnc.load(lenet_library)
    with pytest.raises(cnnc.Error, match=r"expected an input named 'image', got 'img'"):
        m.run({"img": lenet_input})
    with pytest.raises(cnnc.Error, match=r"expected a value for input 'image', got none"):
        m.run({})
    with pytest.raises(cnnc.Error, match=r"expected an output named 'prob', got 'logits'"):
        m.run({"image": lenet_input}, outputs=["logits"])
    with pytest.raises(cnnc.Error, match=r"expected shape \[N, 1, 32, 32\] or \[1, 32, 32\] for input 'image', got \[2, 32, 32\]"):
        m(lenet_input[:, 0])
    with pytest.raises(cnnc.Error, match=r"expected a numeric array for input 'image', got dtype <U1"):
        m(np.full((1, 32, 32), "a"))
    with pytest.raises(cnnc.Error, match=r"expected a dict of arrays by input name \(image\), got ndarray"):
        m.run(lenet_input)
    with pytest.raises(cnnc.Error, match=r"expected a thread count from 0"):
        cnnc.load(lenet_library, threads=-1)
    with pytest.raises(cnnc.Error, match=r"expected max_batch of at least 1, got 0"):
        cnnc.load(lenet_library, max_batch=0)


def test_missing_cnnc_executable(monkeypatch, tmp_path):
    monkeypatch.setenv("CNNC", str(tmp_path / "nothere"))
    with pytest.raises(cnnc.Error, match=r"nothere: expected the cnnc executable"):
        cnnc.compile("net.json", tmp_path / "x.so")
