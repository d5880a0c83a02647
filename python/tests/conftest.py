"""Shared fixtures: libraries compiled once per test session from the repository's examples."""

import json
from pathlib import Path

import numpy as np
import pytest

import cnnc

REPO = Path(__file__).resolve().parents[2]
LENET = REPO / "examples" / "lenet5"
ONNX_GOLDENS = REPO / "Tests" / "Goldens" / "onnx"


@pytest.fixture(scope="session")
def cnnc_executable():
    return cnnc.find_cnnc()


@pytest.fixture(scope="session")
def lenet_library(tmp_path_factory):
    """LeNet-5 (examples/lenet5, weights from its safetensors file) compiled to a library."""
    output = tmp_path_factory.mktemp("lenet") / "liblenet5.so"
    return cnnc.compile(LENET / "net.json", output)


@pytest.fixture(scope="session")
def lenet_input():
    """Two images, [2, 1, 32, 32]."""
    return np.load(LENET / "input.npy")


@pytest.fixture(scope="session")
def lenet_expected():
    """PyTorch's probabilities for lenet_input, [2, 10] (committed golden)."""
    return np.load(LENET / "expected.npy")


@pytest.fixture(scope="session")
def lenet_description():
    return json.loads((LENET / "net.json").read_text())


def assert_close(actual, expected, atol=1e-5, rtol=1e-4):
    """The examples' tolerance: |actual - expected| <= atol + rtol * |expected| everywhere."""
    assert actual.shape == expected.shape
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)
