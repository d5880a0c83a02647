"""examples/ray/batch_inference.py: Ray Data batch inference in local mode, on the digits test set,
against `cnnc run` on the same library (identical bits: same kernels, any batch size)."""

import subprocess
import sys

import numpy as np
import pytest

import cnnc
from conftest import REPO

sys.path.insert(0, str(REPO / "examples" / "ray"))
import batch_inference  # noqa: E402

DIGITS = REPO / "examples" / "digits"


@pytest.fixture(scope="module")
def ray_local():
    import ray

    # The workers import batch_inference (the callable class's module) from the example's folder.
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(REPO / "examples" / "ray")}})
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def digits_library(tmp_path_factory):
    return cnnc.compile(DIGITS / "net.json", tmp_path_factory.mktemp("digits") / "libdigits.so")


@pytest.mark.parametrize("batch_size,workers", [(64, 2), (7, 1)])
def test_ray_data_matches_cnnc_run(ray_local, digits_library, cnnc_executable, tmp_path, batch_size, workers):
    images = np.load(DIGITS / "test_images.npy")
    assert len(images) >= 300
    outputs = batch_inference.predict(digits_library, images, batch_size=batch_size, workers=workers, threads=1)
    subprocess.run([cnnc_executable, "run", str(digits_library), "--input", str(DIGITS / "test_images.npy"),
                    "--output", f"probabilities={tmp_path / 'p.npy'}"], check=True)
    expected = np.load(tmp_path / "p.npy")
    assert outputs["probabilities"].shape == expected.shape == (len(images), 10)
    np.testing.assert_array_equal(outputs["probabilities"], expected)
    labels = np.load(DIGITS / "test_labels.npy")
    assert (outputs["probabilities"].argmax(1) == labels).mean() > 0.9
