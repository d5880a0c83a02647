"""cnnc.load on compiled examples, against committed PyTorch / ONNX Runtime goldens and `cnnc run`."""

import subprocess

import numpy as np
import pytest

import cnnc
from conftest import ONNX_GOLDENS, assert_close


def test_inputs_and_outputs_come_from_the_descriptor(lenet_library, lenet_description):
    m = cnnc.load(lenet_library)
    assert m.name == "lenet5"
    assert m.prefix == "lenet5"
    assert m.inputs == (cnnc.TensorInfo("image", (1, 32, 32)),)
    assert [i.name for i in m.inputs] == [i["name"] for i in lenet_description["inputs"]]
    assert tuple(m.inputs[0].shape) == tuple(lenet_description["inputs"][0]["shape"])
    assert m.outputs == (cnnc.TensorInfo("prob", (10,)),)
    assert m.workspace_bytes_per_sample > 0
    assert m.flops_per_sample > 0
    assert "lenet5" in repr(m)


def test_call_matches_pytorch(lenet_library, lenet_input, lenet_expected):
    m = cnnc.load(lenet_library)
    y = m(lenet_input)
    assert y.dtype == np.float32
    assert_close(y, lenet_expected)


def test_run_by_name_matches_pytorch(lenet_library, lenet_input, lenet_expected):
    m = cnnc.load(lenet_library)
    result = m.run({"image": lenet_input})
    assert list(result) == ["prob"]
    assert_close(result["prob"], lenet_expected)
    assert list(m.run({"image": lenet_input}, outputs=["prob"])) == ["prob"]


def test_same_bits_as_cnnc_run(lenet_library, cnnc_executable, tmp_path):
    """The Python path and `cnnc run` call the same library: identical outputs, on any thread count."""
    x = np.random.default_rng(7).standard_normal((5, 1, 32, 32)).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    subprocess.run([cnnc_executable, "run", lenet_library, "--input", str(tmp_path / "x.npy"),
                    "--output", str(tmp_path / "y.npy")], check=True)
    from_cli = np.load(tmp_path / "y.npy")
    for threads in (0, 1, 2):
        np.testing.assert_array_equal(cnnc.load(lenet_library, threads=threads)(x), from_cli)


@pytest.mark.parametrize("batch", [1, 3, 33, 70])
def test_any_batch_size(lenet_library, lenet_input, lenet_expected, batch):
    """Sample i is example sample i % 2; batches past max_batch grow the session, then run in chunks."""
    m = cnnc.load(lenet_library, max_batch=32)
    x = lenet_input[np.arange(batch) % 2]
    y = m(x)
    assert y.shape == (batch, 10)
    assert_close(y, lenet_expected[np.arange(batch) % 2])
    assert m._local.context.max_batch == min(batch, 32)


def test_session_grows_and_is_reused(lenet_library, lenet_input):
    m = cnnc.load(lenet_library)
    m(lenet_input[:1])
    first = m._local.context
    assert first.max_batch == 1
    m(lenet_input[:1])
    assert m._local.context is first
    m(lenet_input)
    assert m._local.context.max_batch == 2
    m(lenet_input[:1])
    assert m._local.context.max_batch == 2


def test_per_sample_shape_and_other_dtypes(lenet_library, lenet_input, lenet_expected):
    m = cnnc.load(lenet_library)
    one = m(lenet_input[0])
    assert one.shape == (1, 10)
    assert_close(one[0], lenet_expected[0])
    np.testing.assert_array_equal(m(lenet_input.astype(np.float64)), m(lenet_input))
    # A non-contiguous view is copied, not misread.
    doubled = np.repeat(lenet_input, 2, axis=0)[::2]
    np.testing.assert_array_equal(m(doubled), m(lenet_input))


def test_empty_batch(lenet_library):
    m = cnnc.load(lenet_library)
    assert m(np.zeros((0, 1, 32, 32), np.float32)).shape == (0, 10)


def test_onnx_model_with_two_inputs_matches_onnx_runtime(tmp_path):
    """Tests/Goldens/onnx/add_two_inputs: ONNX Runtime's output is the golden."""
    golden = ONNX_GOLDENS / "add_two_inputs"
    m = cnnc.load(cnnc.compile(golden / "model.onnx", tmp_path / "add.so"))
    assert len(m.inputs) == 2 and len(m.outputs) == 1
    feeds = {spec.name: np.load(golden / f"input{k}.npy") for k, spec in enumerate(m.inputs)}
    result = m.run(feeds)
    assert_close(result[m.outputs[0].name], np.load(golden / "output0.npy"))
    with pytest.raises(cnnc.Error, match=r"expected a model with one input for model\(x\), got 2 inputs"):
        m(feeds[m.inputs[0].name])


def test_compile_writes_side_files_and_reports_errors(tmp_path):
    from conftest import LENET
    library = cnnc.compile(LENET / "net.json", tmp_path / "lib.so", header=tmp_path / "lenet.h", prefix="mylenet")
    assert (tmp_path / "lenet.h").read_text().count("mylenet_cnnc_model") >= 1
    assert cnnc.load(library).prefix == "mylenet"

    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "name": "t", "inputs": [{"name": "x", "shape": [1, 4, 4]}], "layers": [{"name": "r", "op": "nope"}]}')
    with pytest.raises(cnnc.Error) as failure:
        cnnc.compile(bad, tmp_path / "bad.so")
    assert str(bad) in str(failure.value)
    assert not str(failure.value).startswith("error:")
    assert not (tmp_path / "bad.so").exists()


def test_compile_option_spelling():
    from cnnc._cli import _arguments
    assert _arguments({"fuse": False, "winograd": True, "target": "generic", "seeded_weights": 3,
                       "shape": {"x": (1, 3, 8, 8)}, "quiet": True, "header": None}) == [
        "--no-fuse", "--target", "generic", "--seeded-weights", "3", "--shape", "x=1x3x8x8", "--quiet"]
