"""Per-layer comparison: `cnnc.reference` (ONNX Runtime), `cnnc.compare_layers`, and
`cnnc verify --per-layer --reference onnxruntime` end to end, on the committed small_cnn golden."""

import subprocess
import sys

import numpy as np

import cnnc
from cnnc import reference
from conftest import REPO

SMALL = REPO / "Tests" / "Goldens" / "layers" / "small_cnn"


def test_reference_module_matches_the_committed_ort_layers(tmp_path):
    out = tmp_path / "ref"
    subprocess.run([sys.executable, "-m", "cnnc.reference", str(SMALL / "model.onnx"), "--input", str(SMALL / "input.npy"),
                    "--output-dir", str(out)], check=True)
    comparison = cnnc.compare_layers(out, SMALL / "ort", rtol=0, atol=0)
    assert comparison.passed, str(comparison)
    assert [r.name for r in comparison.layers][:3] == ["t_conv1", "t_relu1", "t_pool1"]
    assert comparison.layers[5].inputs == ("t_bn2", "t_pool1")


def test_all_layers_library_from_python_matches_ort(tmp_path):
    library = cnnc.compile(SMALL / "model.onnx", tmp_path / "lib.so", all_layers=True)
    m = cnnc.load(library)
    x = np.load(SMALL / "input.npy")
    ours = m.run({"image": x})
    assert "t_pool1" in ours and "t_relu2" in ours and "t_conv1" not in ours
    comparison = cnnc.compare_layers(ours, SMALL / "ort")
    assert comparison.passed, str(comparison)
    statuses = {r.name: r.status for r in comparison.layers}
    assert statuses["t_pool1"] == "pass" and statuses["t_conv1"] == "absent"
    assert "passed: all 6 compared layers" in str(comparison)


def test_compare_layers_names_the_perturbed_layer(tmp_path):
    library = cnnc.compile(SMALL / "conv2_perturbed.onnx", tmp_path / "lib.so", all_layers=True, fuse=False)
    ours = cnnc.load(library).run({"image": np.load(SMALL / "input.npy")})
    ref = dict((name, value) for name, value, _, _ in reference.run_layers(str(SMALL / "model.onnx"), {"image": np.load(SMALL / "input.npy")}))
    comparison = cnnc.compare_layers(ours, ref)
    assert not comparison.passed
    assert comparison.first_failure.name == "t_conv2"
    assert comparison.first_failure.max_abs_error > 1e-2


def test_compare_layers_reads_a_cnnc_run_dump_with_fused_layers(tmp_path, cnnc_executable):
    library = cnnc.compile(SMALL / "model.onnx", tmp_path / "lib.so", all_layers=True)
    subprocess.run([cnnc_executable, "run", str(library), "--input", str(SMALL / "input.npy"), "--all-layers", str(tmp_path / "dump")], check=True)
    comparison = cnnc.compare_layers(tmp_path / "dump", SMALL / "ort")
    assert comparison.passed, str(comparison)
    fused = {r.name: r.fused_into for r in comparison.layers if r.status == "fused"}
    assert fused == {"t_conv1": "t_pool1", "t_relu1": "t_pool1", "t_conv2": "t_relu2", "t_bn2": "t_relu2", "t_add": "t_relu2"}


def test_verify_per_layer_against_onnxruntime(tmp_path, cnnc_executable):
    """The one-command path: cnnc runs `python3 -m cnnc.reference` (this interpreter, with ORT)."""
    env = {"CNNC_PYTHON": sys.executable, "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([cnnc_executable, "verify", str(SMALL / "model.onnx"), "--input", str(SMALL / "input.npy"),
                         "--reference", "onnxruntime", "--per-layer"], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    assert "passed: all 6 compared layers within tolerance" in ok.stdout
    same = subprocess.run([cnnc_executable, "verify", str(SMALL / "conv2_perturbed.onnx"), "--input", str(SMALL / "input.npy"),
                          "--reference", "onnxruntime", "--per-layer", "--no-fuse"], capture_output=True, text=True, env=env)
    # ORT runs the perturbed model too, so the layers agree: cnnc against ORT on the same weights, unfused.
    assert same.returncode == 0, same.stdout + same.stderr
    assert "passed: all 11 compared layers" in same.stdout, same.stdout


def test_reference_skips_nodes_that_read_only_constants(tmp_path):
    """TorchScript exports copy weights through Identity nodes: those are not layers."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    w = numpy_helper.from_array(np.ones((2, 3), np.float32), "w")
    nodes = [helper.make_node("Identity", ["w"], ["w_copy"]), helper.make_node("Gemm", ["x", "w_copy"], ["y"], transB=1),
             helper.make_node("Relu", ["y"], ["z"])]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])],
                              [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["N", 2])], [w])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, tmp_path / "m.onnx")
    layers = reference.run_layers(str(tmp_path / "m.onnx"), {"x": np.array([[1, -2, 0.5]], np.float32)})
    assert [(name, reads) for name, _, _, reads in layers] == [("y", ["x"]), ("z", ["y"])]
    np.testing.assert_array_equal(layers[1][1], [[0, 0]])
