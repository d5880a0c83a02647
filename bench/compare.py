#!/usr/bin/env python3
"""cnnc against ONNX Runtime, OpenVINO and PyTorch: batch-1 latency, side by side.

Run through `bench/compare` (it makes the venv this needs). For each network:

1. builds the PyTorch model with the same architecture and weights as examples/<name>/
   (scripts/zoo/nets.py + the seeded weights of scripts/zoo/seeded.py; LeNet-5 and the Keras
   MNIST CNN are defined here and load their safetensors files); the torchvision networks of
   issue 14 (EfficientNet-B0, ...) have no example: torchvision's model, its state_dict filled
   by name with the same seeded generator (seed_torchvision below);
2. exports it to ONNX (opset 17, batch 1, fixed shapes) into .build/bench/<name>/ and compiles
   the example with cnnc, or for a torchvision network that ONNX model (weights inline), both
   cached there while their inputs are unchanged; a network cnnc refuses is still timed on the
   other engines, with cnnc's error in the table;
3. checks once, on a fixed random input, that cnnc, OpenVINO and PyTorch agree with ONNX Runtime
   within a loose tolerance (a wrong answer is not benchmarked);
4. times the in-process call of every engine at batch 1 on each thread count, interleaved:
   R rounds, each running every engine for K iterations (after one untimed warm-up call), the
   engine order rotating from round to round; an engine's latency is the median of all its
   iterations over all rounds. cnnc is timed by `cnnc bench --json` (one process per round),
   which reports each round's median only: its latency is the median of its round medians.

Prints the host's CPU model and ISA first, then one table (each engine's median ms, the best
peer, cnnc / best peer, and how many cores other processes kept busy meanwhile: the host is
shared) with a machine line, writes .build/bench/results.json, and with --write-docs the
section of docs/benchmarks.md for the host's CPU class (model name and widest ISA), keeping the
other classes' sections.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "scripts", "zoo"))  # nets.py
sys.path.insert(0, os.path.join(REPO, "scripts"))  # the cnnc_tools package

import torch  # noqa: E402  (after the path set-up, as nets.py needs it too)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import onnxruntime as ort  # noqa: E402
import openvino as ov  # noqa: E402

import nets  # noqa: E402  scripts/zoo/nets.py: descriptions and PyTorch models
from cnnc_tools import seeded  # noqa: E402  scripts/cnnc_tools/seeded.py: the seeded stand-in weights

# torchvision networks without an examples/<name>/net.json (issue 14): torchvision constructor,
# input shape and the gain of the seeded conv and dense weights (chosen as in
# scripts/onnx/make_zoo_onnx.py: outputs O(1-10) that depend on the input; the batchnorms are
# not folded here, so the gains differ from the zoo's).
TORCHVISION = {
    "efficientnet_b0": ("efficientnet_b0", [3, 224, 224], 1.75),
    "mobilenet_v3_large": ("mobilenet_v3_large", [3, 224, 224], 1.45),
    "regnet_y_400mf": ("regnet_y_400mf", [3, 224, 224], 1.3),
    "shufflenet_v2_x1_0": ("shufflenet_v2_x1_0", [3, 224, 224], 1.3),
    "convnext_tiny": ("convnext_tiny", [3, 224, 224], 1.0),
}
TORCHVISION_SEED = 2026

# Every network of issue 5, then those of issue 14, in the table's order.
NETWORKS = ["lenet5", "keras-mnist", "alexnet", "vgg16", "googlenet", "resnet18", "resnet50",
            "densenet121", "mobilenetv2", "unet", "alphago-policy"] + list(TORCHVISION)
ENGINES = ["onnxruntime", "openvino", "pytorch", "cnnc"]
PEERS = ENGINES[:-1]
LABELS = {"onnxruntime": "ONNX Runtime", "openvino": "OpenVINO f32", "pytorch": "PyTorch", "cnnc": "cnnc"}

# Sanity-check tolerance: outputs may differ by float32 summation order, not by a wrong layer.
CHECK_RTOL = 1e-3        # max |a - ref| <= CHECK_RTOL * max |ref|
CHECK_LOGP_RTOL = 1e-3   # probabilities: |log a - log ref| <= CHECK_LOGP_RTOL * spread of log ref + 1e-3
BLOCK_CAP = 5            # a block stops early past 5x its planned time (see time_block)
SETTLE_SECONDS = 0.05    # pause between engines, so one engine's spinning threads don't tax the next
HOST_OK = 0.85           # a round counts when every core's FMA probe ran at this share of its best or more
PROBE_MS = 15            # milliseconds of each FMA probe


# ----------------------------------------------------------------------------
# The PyTorch models
# ----------------------------------------------------------------------------

class LeNet5(nn.Module):
    """examples/lenet5/net.json: module names are its layer names, so its safetensors load as is."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.f5 = nn.Linear(400, 120)
        self.f6 = nn.Linear(120, 84)
        self.out = nn.Linear(84, 10)

    def forward(self, x):
        x = F.avg_pool2d(torch.tanh(self.c1(x)), 2)
        x = F.avg_pool2d(torch.tanh(self.c3(x)), 2)
        x = torch.flatten(x, 1)
        x = torch.tanh(self.f6(torch.tanh(self.f5(x))))
        return F.softmax(self.out(x), dim=1)


class KerasMNIST(nn.Module):
    """examples/keras-mnist/net.json (channels-first, PyTorch layouts)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 25, 3)
        self.conv2 = nn.Conv2d(25, 50, 3)
        self.dense1 = nn.Linear(1250, 100)
        self.dense2 = nn.Linear(100, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.dense1(torch.flatten(x, 1)))
        return F.softmax(self.dense2(x), dim=1)


REAL_WEIGHTS = {"lenet5": LeNet5, "keras-mnist": KerasMNIST}


class WithSoftmax(nn.Module):
    """A zoo model returns logits; the net.json ends in a softmax, so the compared output is that."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return F.softmax(self.model(x), dim=1)


def assign_seeded(model, params, torch_map):
    """Copy the seeded tensors into the model by name (as scripts/zoo/make_zoo.py's `assign`)."""
    inv = {module: layer for layer, module in torch_map.items()}
    used = set()
    with torch.no_grad():
        for key, t in model.state_dict().items():
            if key.endswith("num_batches_tracked"):
                continue  # an integer counter, unused in eval mode
            module, pname = key.rsplit(".", 1)
            name = f"{inv[module]}.{pname}"
            src = torch.from_numpy(params[name])
            if tuple(src.shape) != tuple(t.shape):
                raise RuntimeError(f"{key}: net.json gives {tuple(src.shape)}, torch has {tuple(t.shape)}")
            t.copy_(src)
            used.add(name)
    if used != set(params):
        raise RuntimeError(f"net.json tensors without a torch tensor: {sorted(set(params) - used)[:5]}")


def build_model(name, net, seed_cfg):
    """(eval-mode float32 torch model, weights key for the caches)."""
    if name in REAL_WEIGHTS:
        from safetensors.torch import load_file
        model = REAL_WEIGHTS[name]()
        path = os.path.join(REPO, "examples", name, net["weights"])
        model.load_state_dict(load_file(path), strict=True)
        return model.eval(), file_digest(path)
    spec = nets.BUILDERS[name]()
    if json.loads(json.dumps(spec.net)) != net:
        raise RuntimeError(f"examples/{name}/net.json differs from scripts/zoo/nets.py's description")
    model = spec.model()
    assign_seeded(model, seeded.net_parameters(net, seed_cfg["seed"], seed_cfg["gain"]), spec.torch_map)
    if spec.logits is not None:  # the net.json's output is the softmax of the model's logits
        model = WithSoftmax(model)
    return model.eval(), f"seed {seed_cfg['seed']} gain {seed_cfg['gain']!r}"


def seed_torchvision(model, seed, gain):
    """Fills every tensor of the model's state_dict with scripts/zoo/seeded.py's generator, the
    tensor's state_dict key as its name: conv and linear weights u sqrt(3) gain / sqrt(fan_in);
    batchnorm weight 1 + 0.1 u, bias and running mean 0.1 u, running var 1 + 0.25 (u + 1);
    layer norm weight 1 + 0.1 u; every other float tensor (biases, ConvNeXt's layer scale) 0.1 u."""
    kinds = {}
    for mname, module in model.named_modules():
        for pname, _ in list(module.named_parameters(recurse=False)) + list(module.named_buffers(recurse=False)):
            kinds[f"{mname}.{pname}" if mname else pname] = (type(module).__name__, pname)
    with torch.no_grad():
        for key, t in model.state_dict().items():
            if not t.is_floating_point():
                continue  # num_batches_tracked: an integer counter, unused in eval mode
            mtype, pname = kinds[key]
            u = seeded.uniform(key, t.numel(), seed)
            if pname == "weight" and t.dim() >= 2:
                v = u * seeded.weight_scale(list(t.shape), gain)
            elif "BatchNorm" in mtype or "LayerNorm" in mtype:
                v = {"weight": 1.0 + 0.1 * u, "bias": 0.1 * u, "running_mean": 0.1 * u,
                     "running_var": 1.0 + 0.25 * (u + 1.0)}[pname]
            else:
                v = 0.1 * u
            t.copy_(torch.from_numpy(v.astype(np.float32).reshape(tuple(t.shape))))
    return model


def build_torchvision(name):
    """(eval-mode torchvision model with seeded weights, input shape, weights key for the caches)."""
    import torchvision
    ctor, shape, gain = TORCHVISION[name]
    model = getattr(torchvision.models, ctor)(weights=None).eval()
    seed_torchvision(model, TORCHVISION_SEED, gain)
    return model, shape, f"torchvision {torchvision.__version__} {ctor} seed {TORCHVISION_SEED} gain {gain!r}"


# ----------------------------------------------------------------------------
# Preparation: ONNX export, cnnc compile (cached), the sanity check
# ----------------------------------------------------------------------------

def file_digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cached(path, key, make):
    """Run make(path) unless `path` exists and was made with the same key (kept in path.key)."""
    key_path = path + ".key"
    if os.path.exists(path) and os.path.exists(key_path) and open(key_path).read() == key:
        return False
    for p in (path, key_path):
        if os.path.exists(p):
            os.remove(p)
    make(path)
    with open(key_path, "w") as f:
        f.write(key)
    return True


def export_onnx(model, x, input_name, path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the legacy (TorchScript) exporter is deprecated, not removed
        # dynamo=False: the TorchScript exporter needs no onnxscript and writes a plain opset-17 graph.
        torch.onnx.export(model, (torch.from_numpy(x),), path, opset_version=17, dynamo=False,
                          input_names=[input_name], output_names=["output"], do_constant_folding=True)


def compile_cnnc(cnnc, net_path, lib_path, seed_cfg):
    cmd = [cnnc, "compile", net_path, "-o", lib_path, "--quiet"]
    if seed_cfg:
        cmd += ["--seeded-weights", str(seed_cfg["seed"]), "--seeded-gain", repr(seed_cfg["gain"])]
    run_checked(cmd)


def run_checked(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} failed ({p.returncode}): {p.stderr.strip()[-2000:]}")
    return p.stdout


def cnnc_output(cnnc, lib, x, work):
    xin, yout = os.path.join(work, "check_input.npy"), os.path.join(work, "check_output.npy")
    np.save(xin, x)
    run_checked([cnnc, "run", lib, "--input", xin, "--output", yout, "--threads", "1"])
    return np.load(yout)


def compare_outputs(got, ref):
    """(agrees, what was measured): `got` against `ref` within the loose check tolerance."""
    got = np.asarray(got, dtype=np.float64).reshape(-1)
    ref = np.asarray(ref, dtype=np.float64).reshape(-1)
    if got.shape != ref.shape:
        return False, f"shape {got.shape} vs {ref.shape}"
    if not np.all(np.isfinite(got)):
        return False, "non-finite values"
    err = float(np.abs(got - ref).max()) / max(float(np.abs(ref).max()), 1e-30)
    if err > CHECK_RTOL:
        return False, f"max |err| / max |ref| = {err:.2e} (> {CHECK_RTOL:g})"
    note = f"max |err| / max |ref| = {err:.1e}"
    # A softmax output near one-hot hides wrong logits; its logarithms (the logits up to a
    # constant) do not. Compare them where the reference probability is not vanishingly small.
    if ref.min() >= 0 and abs(ref.sum() - 1) < 1e-3 and got.min() > 0:
        keep = ref > 1e-30
        lr, lg = np.log(ref[keep]), np.log(got[keep])
        tol = CHECK_LOGP_RTOL * float(lr.max() - lr.min()) + 1e-3
        lerr = float(np.abs(lg - lr).max())
        if lerr > tol:
            return False, f"log-probabilities differ by {lerr:.2e} (> {tol:.2e})"
        note += f", log p {lerr:.1e}"
    return True, note


# ----------------------------------------------------------------------------
# Engines: each gives `call()`, one synchronous batch-1 inference on a fixed input
# ----------------------------------------------------------------------------

class OrtEngine:
    """ONNX Runtime, all graph optimizations, T intra-op threads, sequential execution.
    Input and output are bound once (I/O binding), so a call does no allocation or copying."""

    def __init__(self, onnx_path, x, threads):
        so = ort.SessionOptions()
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        self.sess = ort.InferenceSession(onnx_path, so, providers=["CPUExecutionProvider"])
        out = self.sess.get_outputs()[0]
        self.binding = self.sess.io_binding()
        self.x = ort.OrtValue.ortvalue_from_numpy(x)
        self.y = ort.OrtValue.ortvalue_from_shape_and_type(out.shape, np.float32)
        self.binding.bind_ortvalue_input(self.sess.get_inputs()[0].name, self.x)
        self.binding.bind_ortvalue_output(out.name, self.y)

    def call(self):
        self.sess.run_with_iobinding(self.binding)

    def output(self):
        self.call()
        return self.y.numpy().copy()


class OpenVinoEngine:
    """OpenVINO CPU plugin, f32 precision, T threads, latency hint; one infer request, reused."""

    def __init__(self, core, onnx_path, x, threads):
        config = {"INFERENCE_PRECISION_HINT": "f32", "INFERENCE_NUM_THREADS": threads,
                  "PERFORMANCE_HINT": "LATENCY"}
        self.compiled = core.compile_model(onnx_path, "CPU", config)
        self.request = self.compiled.create_infer_request()
        self.request.set_input_tensor(ov.Tensor(x))  # shares x's memory

    def call(self):
        self.request.infer()

    def output(self):
        self.call()
        return self.request.get_output_tensor(0).data.copy()


class TorchEngine:
    """PyTorch eager, eval + inference_mode, torch.set_num_threads(T) (set before each block)."""

    def __init__(self, model, x, threads):
        self.model, self.x, self.threads = model, torch.from_numpy(x), threads

    def enter(self):
        torch.set_num_threads(self.threads)

    def call(self):
        with torch.inference_mode():
            self.model(self.x)

    def output(self):
        self.enter()
        with torch.inference_mode():
            return self.model(self.x).numpy().copy()


class OtherLoad:
    """How many cores other processes kept busy, on average, from construction to cores():
    the host's busy CPU time (/proc/stat) less this process's and its finished children's."""

    def __init__(self):
        self.start = (self._host_busy(), self._own(), time.time())

    @staticmethod
    def _host_busy():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return (sum(v[:8]) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait

    @staticmethod
    def _own():
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def cores(self):
        host, own, wall = self._host_busy(), self._own(), time.time()
        return max(0.0, ((host - self.start[0]) - (own - self.start[1])) / max(wall - self.start[2], 1e-9))


PROBE_C = r"""
/* bench/compare's host probe; prints two figures on one line.
   1. Every core runs independent FMAs for MS milliseconds: the slowest core's GFLOP/s. A core some
      other tenant of the host shares (invisible in /proc/stat on a VM) runs it at about half its rate.
   2. The cores hand a 256 KB buffer round for MS milliseconds: each round every thread rewrites,
      one store per cache line, the part another thread wrote the round before, then all meet at a
      barrier; the median over 5 blocks of the microseconds per round (0 with one core). It is the
      traffic a layer split over threads makes when it reads what the last layer's other threads
      wrote. When the host runs the vCPUs far apart, each line's handover takes longer while the
      FMA rate stays: on the Zen 4 dev host (2026-12-06) it went from 3.1 to 7.7 us in one such
      spell, and every engine's two-thread times slowed with it (MobileNetV2's library at 2
      threads 3.8 -> 8.0 ms, ONNX Runtime's 3.7 -> 6.4 ms). */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
typedef float v8 __attribute__((vector_size(32)));
enum { SHARED = 65536, BLOCKS = 5 };
static float shared[SHARED] __attribute__((aligned(64)));
static int stop;
static int by_value(const void *a, const void *b) {
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
int main(int argc, char **argv) {
    const double ms = argc > 1 ? atof(argv[1]) : 15;
    const int cores = omp_get_num_procs();
    double slowest = 1e30, blocks[BLOCKS] = {0};
    #pragma omp parallel num_threads(cores)
    {
        volatile float seed = 1.0f;
        v8 m = (v8){0} + 0.999999f * seed, c = (v8){0} + 1e-6f * seed;
        v8 a[12];
        for (int i = 0; i < 12; i++) a[i] = (v8){0} + seed * (1 + i * 1e-3f);
        long n = 0;
        const double t0 = omp_get_wtime();
        double t;
        do {
            for (int k = 0; k < 4096; k++)
                for (int i = 0; i < 12; i++) a[i] = a[i] * m + c;
            n += 4096;
        } while ((t = omp_get_wtime() - t0) < ms / 1000);
        v8 s = a[0];
        for (int i = 1; i < 12; i++) s += a[i];
        seed = s[0];
        const double rate = n * 12.0 * 16 / t / 1e9;
        #pragma omp critical
        if (rate < slowest) slowest = rate;

        const int me = omp_get_thread_num(), part = SHARED / cores;
        for (int b = 0; b < BLOCKS && cores > 1; b++) {
            #pragma omp barrier
            const double start = omp_get_wtime();
            long rounds = 0;
            int done = 0;
            while (!done) {
                float *mine = shared + (int)((me + rounds) % cores) * part;
                #pragma clang loop vectorize(disable)
                for (int i = 0; i < part; i += 16) mine[i] += 1.0f;
                rounds++;
                #pragma omp barrier
                if (me == 0) {
                    #pragma omp atomic write
                    stop = omp_get_wtime() - start > ms / 1000 / BLOCKS;
                }
                #pragma omp barrier
                #pragma omp atomic read
                done = stop;
            }
            if (me == 0) blocks[b] = (omp_get_wtime() - start) / rounds * 1e6;
            #pragma omp barrier
            if (me == 0) {
                #pragma omp atomic write
                stop = 0;
            }
        }
    }
    qsort(blocks, BLOCKS, sizeof(double), by_value);
    printf("%.3f %.3f\n", slowest, blocks[BLOCKS / 2]);
    return 0;
}
"""


class HostProbe:
    """The host's speed: the slowest core's FMA rate and the cores' handover time of shared
    cache lines, each against the best this run has seen.

    On a shared VM another tenant can take half of a core (an SMT sibling on the physical host)
    for seconds or minutes; /proc/stat does not show it (no steal time), but every engine, cnnc
    included, then runs up to 2x slower on that core, two-thread figures most. The host can also
    run the vCPUs far apart for minutes: each core's FMAs run at full rate, but every line one
    core hands to the other takes longer, and two-thread runs slow by up to 2x. A short probe
    (its threads bound to the cores) before each round and after each engine's block tells such
    rounds apart; time_interleaved redoes them. Without clang and OpenMP there is no probe
    (speed() is None)."""

    def __init__(self, work_dir, log):
        self.binary, self.best, self.best_handover = None, 0.0, float("inf")
        src, exe = os.path.join(work_dir, "host-probe.c"), os.path.join(work_dir, "host-probe")
        try:
            os.makedirs(work_dir, exist_ok=True)
            with open(src, "w") as f:
                f.write(PROBE_C)
            subprocess.run(["clang", "-O2", "-march=native", "-fopenmp", "-o", exe, src], check=True,
                           capture_output=True, timeout=120)
            self.binary = exe
            for _ in range(3):
                self.speed()
            handover = "" if self.best_handover == 0 else f", cores hand over 256 KB in {self.best_handover:.2f} us"
            log(f"host probe: slowest core {self.best:.1f} GFLOP/s{handover} (a round counts at {HOST_OK:.0%} "
                "of the best of each)")
        except (OSError, subprocess.SubprocessError, ValueError) as e:
            self.binary = None
            log(f"host probe unavailable ({e}); rounds are not checked for other tenants")

    def _probe(self):
        """(slowest core's GFLOP/s, microseconds per handover round; 0 with one core)."""
        # One probe thread per core, bound to it: unbound, Linux often left both threads on one
        # vCPU for the whole 15 ms (the Zen 4 dev host, 2026-12-06: 54 instead of 116 GFLOP/s in
        # most probes, idle or not; bound, 110-117 every time), and every round read as slowed.
        env = dict(os.environ, OMP_PROC_BIND="true", OMP_PLACES="cores")
        out = subprocess.run([self.binary, str(PROBE_MS)], check=True, capture_output=True, text=True, timeout=30,
                             env=env)
        rate, handover = (float(v) for v in out.stdout.split())
        return rate, handover

    def speed(self):
        """The lower of the FMA rate's and the handover's share of their best (which they may
        improve), or None."""
        if self.binary is None:
            return None
        rate, handover = self._probe()
        self.best = max(self.best, rate)
        share = rate / self.best
        if handover > 0:
            self.best_handover = min(self.best_handover, handover)
            share = min(share, self.best_handover / handover)
        else:
            self.best_handover = 0
        return share


def time_block(engine, iterations, max_seconds=float("inf")):
    """Per-iteration milliseconds of `iterations` calls, after one untimed warm-up call; fewer
    (at least one) if they take over max_seconds (on a busy host a call that waits for a
    descheduled worker thread can take a time slice, 100x its median)."""
    if hasattr(engine, "enter"):
        engine.enter()
    call = engine.call
    call()
    times = []
    clock = time.perf_counter_ns
    deadline = clock() + max_seconds * 1e9
    for _ in range(iterations):
        t0 = clock()
        call()
        t1 = clock()
        times.append((t1 - t0) / 1e6)
        if t1 > deadline:
            break
    return times


def mean_call_ms(engine, min_calls=3, min_seconds=0.05):
    """Wall time per call over at least min_calls calls and min_seconds (a warm-up, too)."""
    if hasattr(engine, "enter"):
        engine.enter()
    calls, t0 = 0, time.perf_counter()
    while calls < min_calls or time.perf_counter() - t0 < min_seconds:
        engine.call()
        calls += 1
    return (time.perf_counter() - t0) * 1000 / calls


def cnnc_bench(cnnc, lib, threads, iterations):
    """One `cnnc bench --json` run: (median ms, min ms, its per-iteration times if it reports them)."""
    out = run_checked([cnnc, "bench", lib, "--threads", str(threads), "--iterations", str(iterations), "--json"])
    r = json.loads(out.strip().splitlines()[-1])
    if r.get("threads") != threads or r.get("batch") != 1:
        raise RuntimeError(f"cnnc bench ran batch {r.get('batch')} on {r.get('threads')} threads")
    return r["median_ms"], r["min_ms"], r.get("times_ms")


# ----------------------------------------------------------------------------
# One network
# ----------------------------------------------------------------------------

def bench_network(name, args, cnnc, core, log, probe):
    work = os.path.join(REPO, ".build", "bench", name)
    os.makedirs(work, exist_ok=True)
    result = {"network": name}

    t0 = time.time()
    if name in TORCHVISION:
        model, shape, net_key = build_torchvision(name)
        input_name, net_path, seed_cfg = "image", None, None
    else:
        ex = os.path.join(REPO, "examples", name)
        net_path = os.path.join(ex, "net.json")
        net = json.load(open(net_path, encoding="utf-8"))
        seed_path = os.path.join(ex, "seed.json")
        seed_cfg = json.load(open(seed_path)) if os.path.exists(seed_path) else None
        model, weights_key = build_model(name, net, seed_cfg)
        spec = net["inputs"][0]
        shape, input_name = spec["shape"], spec["name"]
        net_key = file_digest(net_path) + " " + weights_key
    # The fixed input: uniform in [-1, 1), the range the seeded weights were scaled for.
    x = np.random.default_rng(2026).uniform(-1, 1, [1] + shape).astype(np.float32)

    onnx_path = os.path.join(work, "model.onnx")
    made = cached(onnx_path, f"{net_key} torch {torch.__version__} opset 17",
                  lambda p: export_onnx(model, x, input_name, p))
    lib_path = os.path.join(work, "cnnc.so")
    # A torchvision network: cnnc compiles the exported ONNX (its weights inline).
    source = net_path or onnx_path
    try:
        made_lib = cached(lib_path, f"{net_key} torch {torch.__version__} cnnc {file_digest(cnnc)}",
                          lambda p: compile_cnnc(cnnc, source, p, seed_cfg))
    except RuntimeError as e:  # refused (an op it lacks): the other engines are still timed
        made_lib = None
        result["cnnc_refused"] = str(e).split("error: ", 1)[-1].splitlines()[0].replace(REPO + os.sep, "")
        log(f"{name}: cnnc refuses the model: {result['cnnc_refused']}")
    log(f"{name}: model {'exported' if made else 'cached'}, cnnc library "
        f"{'refused' if made_lib is None else 'compiled' if made_lib else 'cached'} ({time.time() - t0:.0f} s)")

    # The sanity check (on the first thread count): every engine against ONNX Runtime.
    engines = {T: {"onnxruntime": OrtEngine(onnx_path, x, T),
                   "openvino": OpenVinoEngine(core, onnx_path, x, T),
                   "pytorch": TorchEngine(model, x, T)} for T in args.threads}
    ref = engines[args.threads[0]]["onnxruntime"].output()
    outputs = {"openvino": engines[args.threads[0]]["openvino"].output(),
               "pytorch": engines[args.threads[0]]["pytorch"].output()}
    if "cnnc_refused" not in result:
        outputs["cnnc"] = cnnc_output(cnnc, lib_path, x, work)
    checks = {e: compare_outputs(y, ref) for e, y in outputs.items()}
    result["check"] = {e: ("ok: " if ok else "WRONG: ") + note for e, (ok, note) in checks.items()}
    wrong = [e for e, (ok, _) in checks.items() if not ok]
    log(f"{name}: against ONNX Runtime: " + "; ".join(f"{LABELS[e]} {v}" for e, v in result["check"].items()))
    for e in wrong:
        log(f"{name}: {LABELS[e]} disagrees with ONNX Runtime; not timed")

    result["threads"] = {}
    for T in args.threads:
        runners = {e: eng for e, eng in engines[T].items() if e not in wrong}
        if "cnnc" not in wrong and "cnnc_refused" not in result:
            runners["cnnc"] = None  # timed through `cnnc bench`
        meter = OtherLoad()
        row = result["threads"][str(T)] = time_interleaved(runners, T, args, cnnc, lib_path, probe)
        row["other_load"] = meter.cores()
        log(f"{name} T={T}: " + ", ".join(f"{LABELS[e]} {row[e]['median_ms']:.4g} ms" for e in ENGINES
                                          if e in row)
            + f" (K={row['iterations_per_round']}; other processes used {row['other_load']:.2f} cores; "
            + f"{host_cell(row)} host speed)")
    return result


def time_interleaved(runners, T, args, cnnc, lib_path, probe):
    """Round-robin timing: R rounds x (every engine, K iterations), medians over all rounds.

    With a host probe, a round in which some core ran under HOST_OK of its best (before the
    round or after any engine's block) is dropped and run again, up to R extra rounds; if the
    host stays slow, the last rounds are kept and the row says how slow it was."""
    # Calibrate K from the engines' warm cost per call (wall time, not the median: on a busy host
    # the mean is what a block costs), so a round takes about block_seconds per engine.
    warm = {}
    for e, eng in runners.items():
        warm[e] = cnnc_bench(cnnc, lib_path, T, 5)[0] if eng is None else mean_call_ms(eng)
        time.sleep(SETTLE_SECONDS)
    typical = statistics.median(warm.values())
    K = int(min(args.max_iters, max(args.min_iters, round(args.block_seconds * 1000 / typical))))

    samples = {e: [] for e in runners}     # per-iteration ms (cnnc: each round's median, K times)
    round_medians = {e: [] for e in runners}
    minimum = {e: float("inf") for e in runners}
    wall = {e: 0.0 for e in runners}       # seconds spent in each engine's blocks, warm-up included
    order = list(runners)
    kept, dropped, speeds = 0, 0, []
    r = 0
    while kept < args.rounds:
        speed = probe.speed()
        got = {}
        for e in order[r % len(order):] + order[:r % len(order)]:  # rotate: no engine always goes first
            t0 = time.perf_counter()
            if runners[e] is None:
                median, fastest, times = cnnc_bench(cnnc, lib_path, T, K)
                got[e] = (times if times else [median] * K, median, fastest)
            else:
                times = time_block(runners[e], K, BLOCK_CAP * max(args.block_seconds, K * typical / 1000))
                got[e] = (times, statistics.median(times), min(times))
            wall[e] += time.perf_counter() - t0
            time.sleep(SETTLE_SECONDS)
            after = probe.speed()
            speed = None if after is None else min(speed, after)
        r += 1
        if speed is not None and speed < HOST_OK and dropped < args.rounds:
            dropped += 1
            continue
        kept += 1
        speeds.append(speed)
        for e, (times, median, fastest) in got.items():
            samples[e] += times
            round_medians[e].append(median)
            minimum[e] = min(minimum[e], fastest)
    row = {"iterations_per_round": K, "rounds": args.rounds, "rounds_dropped": dropped,
           "host_speed": min(speeds) if speeds and None not in speeds else None}
    for e in runners:
        row[e] = {"median_ms": statistics.median(samples[e]), "min_ms": minimum[e],
                  "round_medians_ms": round_medians[e], "wall_s": wall[e]}
    peers = {e: row[e]["median_ms"] for e in PEERS if e in row}
    if peers:
        best = min(peers, key=peers.get)
        row["best_peer"] = best
        if "cnnc" in row:
            row["ratio"] = row["cnnc"]["median_ms"] / peers[best]
    return row


# ----------------------------------------------------------------------------
# Machine, table, outputs
# ----------------------------------------------------------------------------

def cpu_info():
    """The host's CPU from /proc/cpuinfo: model name, family/model numbers, ISA flags, and its class.

    A CPU class is the model name, the microarchitecture where the family and model numbers name
    one (`microarchitecture`), and the widest vector ISA ("AMD EPYC (Zen 4), AVX-512"): what
    decides which kernels cnnc runs and how fast; docs/benchmarks.md keeps the latest table of
    each. The model name alone does not: a virtual machine's "AMD EPYC" has been a Zen 1, whose
    AVX2 units run each 256-bit FMA as two halves, and a Zen 3, with twice its FMA rate per clock.
    """
    fields, flags = {}, set()
    try:
        for line in open("/proc/cpuinfo"):
            key, _, value = line.partition(":")
            key = key.strip()
            if key in ("model name", "cpu family", "model") and key not in fields:
                fields[key] = value.strip()
            elif key == "flags" and not flags:
                flags = set(value.split())
    except OSError:
        pass
    isa = [f for f in ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_bf16", "avx512_vnni",
                       "amx_tile") if f in flags]
    level = ("AVX-512" if "avx512f" in flags else "AVX2" if {"avx2", "fma"} <= flags else "AVX" if "avx" in flags
             else "SSE" if flags else "unknown ISA")
    model = fields.get("model name", "unknown CPU")
    uarch = microarchitecture(model, fields.get("cpu family"), fields.get("model"))
    name = f"{model} ({uarch})" if uarch and uarch not in model else model
    return {"cpu": model, "family": fields.get("cpu family"), "model": fields.get("model"), "isa": isa,
            "level": level, "cpu_class": f"{name}, {level}"}


# AMD's family 17h-1Ah model ranges by core generation (AMD's processor programming references;
# family 25 holds Zen 3 and Zen 4 at interleaved ranges).
AMD_CORES = [
    (23, range(0x00, 0x30), "Zen 1"),   # Naples, Zen+ (Pinnacle Ridge, Colfax) included
    (23, range(0x30, 0x100), "Zen 2"),  # Rome, Matisse, Renoir
    (25, range(0x00, 0x10), "Zen 3"),   # Milan
    (25, range(0x10, 0x20), "Zen 4"),   # Genoa
    (25, range(0x20, 0x60), "Zen 3"),   # Vermeer, Cezanne, Rembrandt
    (25, range(0x60, 0x100), "Zen 4"),  # Raphael, Phoenix, Bergamo
    (26, range(0x00, 0x100), "Zen 5"),
]


def microarchitecture(model_name, family, model):
    """AMD's core generation ("Zen 3") from /proc/cpuinfo's family and model numbers, or None
    (Intel's model names say their generation; an unknown pair is left unnamed)."""
    if "AMD" not in model_name:
        return None
    try:
        fam, mod = int(family), int(model)
    except (TypeError, ValueError):
        return None
    return next((core for f, models, core in AMD_CORES if f == fam and mod in models), None)


def cpu_line(c):
    """One line naming the CPU and its ISA, for the log, the summary and the docs."""
    numbers = f" (family {c['family']}, model {c['model']})" if c.get("family") else ""
    return f"{c['cpu']}{numbers}; ISA {c['level']}: {' '.join(c['isa']) or 'none listed'}"


def machine_info(cnnc):
    cpu = cpu_info()
    return {
        **cpu, "cores": os.cpu_count(), "kernel": platform.release(),
        "python": platform.python_version(),
        "versions": {"cnnc": run_checked([cnnc, "--version"]).strip(), "onnxruntime": ort.__version__,
                     "openvino": ov.get_version().split("-")[0], "torch": torch.__version__,
                     "numpy": np.__version__},
    }


BUSY_CORES = 0.25  # other processes' average use of the cores above which a figure is suspect


def busy_note(results):
    """A warning line if other processes loaded the host, or the host probe found a core slowed
    in rounds that had to be kept, during the timing; else ''."""
    rows = [row for r in results for row in r.get("threads", {}).values()]
    busy = [row["other_load"] for row in rows if row["other_load"] > BUSY_CORES]
    slow = [row["host_speed"] for row in rows if row.get("host_speed") is not None and row["host_speed"] < HOST_OK]
    notes = []
    if busy:
        notes.append(f"warning: other processes kept the host busy while timing {len(busy)} of {len(rows)} rows "
                     f"(up to {max(busy):.1f} cores, column `other load`): those figures, two-thread ones most, "
                     f"are unreliable")
    if slow:
        notes.append(f"warning: a core ran at {min(slow):.2f} of its best in kept rounds of {len(slow)} of "
                     f"{len(rows)} rows (column `host speed`; another tenant of the host): those figures are "
                     f"unreliable")
    return "\n".join(notes)


def fmt_ms(v):
    if v is None:
        return "-"
    return f"{v:.3g}" if v < 100 else f"{v:.0f}"


def table_rows(results, threads):
    """[(network, T, ORT, OV, PyTorch, cnnc, best peer, ratio, other load)] as strings."""
    rows = []
    for res in results:
        if "error" in res:
            rows.append((res["network"], "-", "error: " + res["error"][:60], "", "", "", "", "", ""))
            continue
        for T in threads:
            row = res["threads"][str(T)]
            cells = [fmt_ms(row[e]["median_ms"]) if e in row else
                     "refused" if e == "cnnc" and "cnnc_refused" in res else "wrong" for e in ENGINES]
            best = LABELS[row["best_peer"]] if "best_peer" in row else "-"
            ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
            rows.append((res["network"], str(T), *cells, best, ratio, f"{row['other_load']:.2f}", host_cell(row)))
    return rows


def host_cell(row):
    """The slowest core's speed in the kept rounds (1.00: as fast as at its best) and the rounds
    dropped for a slow host, or '-' without a probe."""
    speed = row.get("host_speed")
    if speed is None:
        return "-"
    dropped = row.get("rounds_dropped", 0)
    return f"{speed:.2f}" + (f" ({dropped} redone)" if dropped else "")


HEADER = ("network", "threads", "ONNX Runtime", "OpenVINO f32", "PyTorch", "cnnc", "best peer", "cnnc / best",
          "other load", "host speed")


def text_table(rows):
    widths = [max(len(str(r[i])) for r in [HEADER] + rows) for i in range(len(HEADER))]
    line = lambda r: "  ".join(str(c).rjust(w) if i >= 1 else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(HEADER), line(["-" * w for w in widths])] + [line(r) for r in rows])


def markdown_table(rows):
    out = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---"] + ["---:"] * (len(HEADER) - 1)) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def machine_line(m):
    v = m["versions"]
    return (f"{cpu_line(m)}; {m['cores']} cores; Linux {m['kernel']}; "
            f"cnnc {v['cnnc']}, ONNX Runtime {v['onnxruntime']}, OpenVINO {v['openvino']}, "
            f"PyTorch {v['torch']}, Python {m['python']}")


DOCS_KEEP = "<!-- Above: written by bench/compare --write-docs. Below: kept by it. -->"
CLASS_BEGIN = "<!-- cpu-class: "
CLASS_END = "<!-- end cpu-class -->"


def class_sections(text):
    """{CPU class: its section's text} of a benchmarks page written by write_docs."""
    sections = {}
    for part in text.split(CLASS_BEGIN)[1:]:
        name, _, rest = part.partition(" -->\n")
        if CLASS_END in rest:
            sections[name] = rest.split(CLASS_END, 1)[0]
    return sections


def class_section(report, rows):
    """This run's section: its date, machine, command, settings, table, warnings and refusals."""
    a = report["settings"]
    m = report["machine"]
    return f"""## {m['cpu_class']}

- Date: {report['date']}
- Machine: {machine_line(m)}
- Command: `{report['command']}`
- Rounds: {a['rounds']}, about {a['block_seconds']} s of work per engine and round

{markdown_table(rows)}
{chr(10) + busy_note(report["results"]) + chr(10) if busy_note(report["results"]) else ""}{refusals(report["results"])}"""


def write_docs(path, report, rows):
    """Rewrites docs/benchmarks.md down to the DOCS_KEEP line: the method, then one section per
    CPU class, this run's replacing the one of its class and the others kept; what follows
    DOCS_KEEP is kept."""
    kept, sections = "", {}
    if os.path.exists(path):
        old = open(path, encoding="utf-8").read()
        above, keep, below = old.partition(DOCS_KEEP)
        if keep:
            kept = below
        sections = class_sections(above)
    sections[report["machine"]["cpu_class"]] = class_section(report, rows)
    body = "".join(f"{CLASS_BEGIN}{name} -->\n{sections[name]}{CLASS_END}\n\n" for name in sorted(sections))
    text = f"""# Benchmarks: cnnc against ONNX Runtime, OpenVINO and PyTorch

The latest run of `bench/compare` on each CPU class it has been run on (a class: the CPU's model
name, its core generation where the family and model numbers name one (AMD's Zen 1 to 5), and its
widest vector ISA, as `/proc/cpuinfo` gives them), one dated section each. Written
by `bench/compare --write-docs`, which replaces the section of the host's class and keeps the
others; do not edit by hand above the line that says so (notes below it are kept).

- Method: batch 1, median latency in ms of the in-process call on a fixed random input, after
  warm-up. The engines are interleaved: R rounds (each section gives R), each running every
  engine for K iterations (K per network and thread count, about the section's seconds of work
  per engine and round), the engine order rotating each round; an engine's figure is the median
  over all its iterations (cnnc, timed by `cnnc bench --json`: the median of its round medians).
- Engines: ONNX Runtime (all graph optimizations, intra-op threads = T, inter-op 1, sequential,
  I/O binding); OpenVINO CPU (INFERENCE_PRECISION_HINT f32, INFERENCE_NUM_THREADS = T, latency
  hint, one reused synchronous infer request); PyTorch eager (`torch.set_num_threads(T)`,
  `eval()`, `inference_mode`, no `torch.compile`); cnnc (`cnnc bench --threads T`). The Python
  engines' times include their Python call overhead (microseconds: it matters only on LeNet-5
  and the Keras MNIST CNN).
- Same networks and weights in every engine: the PyTorch model of `scripts/zoo/nets.py` with the
  example's seeded weights (LeNet-5, Keras MNIST: their safetensors files), exported to ONNX
  (opset 17) for ONNX Runtime and OpenVINO; cnnc compiles `examples/<name>/net.json`. The
  torchvision networks (efficientnet_b0 and after) have no example: torchvision's model with
  seeded weights (every state_dict tensor by its name), and cnnc compiles its ONNX export;
  `refused` means cnnc does not compile it yet. Every engine's output was checked against ONNX
  Runtime's before timing.
- `cnnc / best` below 1 means cnnc is faster than the fastest of the three (the goal of issue 5
  is 0.8 or less everywhere). `other load`: how many cores other processes kept busy, on
  average, while that row was timed (0 on a quiet host; this host is shared). `host speed`: on a
  VM another tenant can take half a core for minutes without any trace in `/proc/stat`, and
  every engine then runs up to 2x slower, two-thread figures most; or it runs the vCPUs far
  apart, and every cache line one core hands the other takes longer (two-thread figures up to
  2x slower, one-thread ones unchanged). A probe before each round and after each engine's block
  measures both: 15 ms of FMAs on every core, and 15 ms of the cores handing a 256 KB buffer
  round; a round in which the slowest core's FMA rate or the handover ran under 85% of its best
  is dropped and run again (at most R times), and the column gives the lower of the two shares
  in the rounds kept (1.00: full speed) and how many were redone. Sections written before the
  probe existed have no such column; before 2026-12-06 13:00 the probe measured FMAs only.

{body}{DOCS_KEEP}{kept}"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def refusals(results):
    """Lines naming each network cnnc refused and why, or ''."""
    lines = [f"- {r['network']}: {r['cnnc_refused']}" for r in results if "cnnc_refused" in r]
    return ("\ncnnc refused:\n" + "\n".join(lines) + "\n") if lines else ""


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(prog="bench/compare", description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="comma-separated networks (default: all): " + ", ".join(NETWORKS))
    ap.add_argument("--cnnc", help="cnnc binary to use (default: build .build/release/cnnc)")
    ap.add_argument("--threads", default="1,2", help="thread counts (default: 1,2)")
    ap.add_argument("--quick", action="store_true", help="a short run: 3 rounds of ~0.1 s per engine")
    ap.add_argument("--rounds", type=int, help="interleaved rounds (default 7; --quick 3)")
    ap.add_argument("--block-seconds", type=float, help="work per engine and round (default 0.4; --quick 0.1)")
    ap.add_argument("--min-iters", type=int, help="least iterations per engine and round (default 3; --quick 2)")
    ap.add_argument("--max-iters", type=int, default=2000, help="most iterations per engine and round")
    ap.add_argument("--write-docs", action="store_true", help="also write docs/benchmarks.md")
    a = ap.parse_args(argv)
    a.rounds = a.rounds or (3 if a.quick else 7)
    a.block_seconds = a.block_seconds or (0.1 if a.quick else 0.4)
    a.min_iters = a.min_iters or (2 if a.quick else 3)
    a.threads = [int(t) for t in a.threads.split(",")]
    a.names = a.only.split(",") if a.only else NETWORKS
    unknown = [n for n in a.names if n not in NETWORKS]
    if unknown:
        ap.error(f"unknown network {', '.join(unknown)}; known: {', '.join(NETWORKS)}")
    return a


def main(argv):
    args = parse_args(argv)
    start = time.time()
    log = lambda msg: print(f"[{time.time() - start:6.0f} s] {msg}", file=sys.stderr, flush=True)
    cpu = cpu_info()
    log(f"CPU: {cpu_line(cpu)} (class '{cpu['cpu_class']}')")

    if args.cnnc:
        cnnc = os.path.abspath(args.cnnc)
    else:
        log("building cnnc: swift build -c release --product cnnc")
        subprocess.run(["swift", "build", "-c", "release", "--product", "cnnc"], cwd=REPO, check=True,
                       stdout=sys.stderr)
        cnnc = os.path.join(REPO, ".build", "release", "cnnc")

    torch.set_num_interop_threads(1)
    core = ov.Core()
    machine = machine_info(cnnc)
    log(machine_line(machine))

    probe = HostProbe(os.path.join(REPO, ".build", "bench"), log)
    results = []
    for name in args.names:
        try:
            results.append(bench_network(name, args, cnnc, core, log, probe))
        except Exception as e:  # report it in the table and go on with the other networks
            log(f"{name}: error: {e}")
            results.append({"network": name, "error": str(e)})

    rows = table_rows(results, args.threads)
    report = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine,
        "command": "bench/compare " + shlex.join(argv),
        "settings": {k: getattr(args, k) for k in ("rounds", "block_seconds", "min_iters", "max_iters", "threads")},
        "results": results,
    }
    out_dir = os.path.join(REPO, ".build", "bench")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(report, f, indent=1)
    if args.write_docs:
        write_docs(os.path.join(REPO, "docs", "benchmarks.md"), report, rows)

    print(f"CPU: {cpu_line(machine)} (class '{machine['cpu_class']}')")
    print(f"machine: {machine_line(machine)}; {report['date']}")
    print(text_table(rows))
    if busy_note(results):
        print(busy_note(results))
    if refusals(results):
        print(refusals(results).strip())
    print(f"median ms at batch 1; cnnc / best < 1: cnnc is faster. {time.time() - start:.0f} s; "
          f"results in .build/bench/results.json" + ("; docs/benchmarks.md written" if args.write_docs else ""))
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
