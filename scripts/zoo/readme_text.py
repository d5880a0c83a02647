"""README.md of each examples/<name>/ written by make_zoo.py: the per-network prose lives here,
the numbers come from the run."""
import collections

import numpy as np

TITLE = {
    "alexnet": "AlexNet (Krizhevsky, Sutskever, Hinton 2012), single tower, with LRN",
    "vgg16": "VGG-16 (Simonyan, Zisserman 2015), configuration D",
    "googlenet": "GoogLeNet / Inception v1 (Szegedy et al. 2015), torchvision's form",
    "resnet18": "ResNet-18 (He et al. 2016)",
    "resnet50": "ResNet-50 (He et al. 2016), torchvision's v1.5",
    "densenet121": "DenseNet-121 (Huang et al. 2017)",
    "unet": "UNet (Ronneberger, Fischer, Brox 2015), 3 levels, 32 base channels, 128x128",
    "alphago-policy": "AlphaGo SL policy network (Silver et al. 2016), k = 192",
    "mobilenetv2": "MobileNetV2 (Sandler et al. 2018), width 1.0",
}

SOURCE = {
    "alexnet": """\
A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet Classification with Deep Convolutional
Neural Networks", NIPS 2012 (Section 3, Figure 2), in the single-tower form usually taught: the
paper's two GPU halves merged, so conv2, conv4 and conv5 see every channel of the layer below
(`groups` 1). Input 227x227x3 (the paper's text says 224, but 11x11 stride 4 gives its 55x55 only
from 227).

conv1 96 11x11/4 + ReLU, LRN, maxpool 3/2; conv2 256 5x5 pad 2 + ReLU, LRN, maxpool 3/2;
conv3 384, conv4 384, conv5 256 (3x3 pad 1, ReLU); maxpool 3/2; fc6 4096 + ReLU, dropout 0.5;
fc7 4096 + ReLU, dropout 0.5; fc8 1000; softmax.

LRN uses the paper's constants k = 2, n = 5, alpha = 1e-4, beta = 0.75 with the contract's
(PyTorch's, Caffe's) formula b = a / (k + alpha/n * sum a^2)^beta, as Caffe's reference
`bvlc_alexnet` does; the paper's own formula has no /n (that would be `"alpha": 5e-4` here).
With the seeded activations (std ~0.3-1) the sum term is small, so LRN mostly divides by
2^0.75; the golden still tells the two alpha conventions apart (they move the logits by 4e-4 of
their largest value, above the tolerance).

perf-notes' "AlexNet, 1.43 GFLOP" is torchvision's `alexnet` (the 2014 one-tower variant with
64-192-384-256-256 filters, no LRN, 0.71 GMAC), not this network.""",
    "vgg16": """\
K. Simonyan, A. Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
Recognition", ICLR 2015, configuration D, laid out as torchvision's `vgg16` (no batchnorm):
13 conv 3x3 pad 1 + ReLU in five stages of 64, 128, 256, 512, 512 channels, each stage ending in
maxpool 2/2; adaptive average pool to 7x7 (the identity at 224x224, kept to mirror torchvision);
fc6 4096 + ReLU, dropout 0.5; fc7 4096 + ReLU, dropout 0.5; fc8 1000; softmax. No deviation.""",
    "googlenet": """\
C. Szegedy et al., "Going Deeper with Convolutions", CVPR 2015, following **torchvision's
`googlenet`** (not the paper's LRN form): every conv has no bias and is followed by batchnorm
(epsilon 0.001) and ReLU; no LRN; max pools use `ceil_mode` (as the original Caffe model), the
pool branch's 3x3/1 pad 1 pool too; global average pool, dropout 0.2 (the paper: 0.4), fc 1000,
softmax. Deviations from the paper, all torchvision's: batchnorm instead of conv biases and LRN;
the "5x5" branch of every Inception module is a 3x3 conv (pytorch/vision issue 906), which is
why it has 6.62 M parameters rather than ~6.8 M; no auxiliary classifiers (training only).""",
    "resnet18": """\
K. He, X. Zhang, S. Ren, J. Sun, "Deep Residual Learning for Image Recognition", CVPR 2016,
Table 1, as torchvision's `resnet18`: conv 7x7/2 (no bias) + BN + ReLU, maxpool 3/2 pad 1; four
stages of two BasicBlocks (3x3 conv-BN-ReLU, 3x3 conv-BN) with 64, 128, 256, 512 channels;
residual `add` with `activation: relu`; the first block of stages 2-4 has stride 2 and a 1x1
stride-2 projection (conv + BN, `downsample.0/1`); global average pool, fc 1000, softmax.
No deviation.""",
    "resnet50": """\
K. He, X. Zhang, S. Ren, J. Sun, "Deep Residual Learning for Image Recognition", CVPR 2016,
Table 1, as torchvision's `resnet50`: conv 7x7/2 (no bias) + BN + ReLU, maxpool 3/2 pad 1; stages
of 3, 4, 6, 3 Bottlenecks (1x1 conv-BN-ReLU, 3x3 conv-BN-ReLU, 1x1 conv (x4 channels)-BN) with
64, 128, 256, 512 inner channels; residual `add` with `activation: relu`; a 1x1 projection
(conv + BN, `downsample.0/1`) in the first block of every stage, stride 2 in stages 2-4; global
average pool, fc 1000, softmax. Deviation from the paper, torchvision's ("v1.5"): the stride-2 of
a bottleneck sits on its 3x3 conv, not on the first 1x1 (4.09 GMAC instead of 3.8).""",
    "densenet121": """\
G. Huang, Z. Liu, L. van der Maaten, K. Q. Weinberger, "Densely Connected Convolutional
Networks", CVPR 2017, DenseNet-BC-121 as torchvision's `densenet121` (growth 32, blocks of 6,
12, 24, 16 layers, bottleneck 4 x 32 = 128 channels, compression 0.5): conv0 7x7/2 (no bias) +
BN + ReLU, maxpool 3/2 pad 1; each dense layer is BN-ReLU-conv 1x1 128-BN-ReLU-conv 3x3 32 and
its 32 new channels are appended to the block's running `concat` (one two-input concat per
layer, `...denselayerN.cat`: the same channels in the same order as torchvision's concat of all
earlier outputs); transitions BN-ReLU-conv 1x1 (half the channels)-avgpool 2/2; final BN + ReLU,
global average pool, fc 1000, softmax. No deviation.""",
    "unet": """\
O. Ronneberger, P. Fischer, T. Brox, "U-Net: Convolutional Networks for Biomedical Image
Segmentation", MICCAI 2015, scaled down to the course's size (the 4.61 GFLOP UNet of
perf-notes): input 128x128x3; three levels of max-pooling, so four resolutions (128, 64, 32, 16) with
32, 64, 128, 256 channels; at each, two 3x3 convs pad 1 + ReLU; maxpool 2/2 going down;
up-convolution `conv_transpose2d` 2x2 stride 2 halving the channels (no activation), then
`concat` [encoder features, up-convolution] (skip connection) and two 3x3 convs + ReLU going up;
a final 1x1 conv to 2 classes. The output is the per-pixel logits map [2, 128, 128]: there is no
softmax, `expected.npy` is that map and there is no `expected_logits.npy`.

Deviations from the paper: 'same' (pad 1) convs instead of unpadded ones, so no cropping and
the output has the input's size; 3 poolings and 32 base channels instead of 4 and 64; 3 input
channels (the paper's images are grey); no dropout; no batchnorm.""",
    "alphago-policy": """\
D. Silver et al., "Mastering the game of Go with deep neural networks and tree search", Nature
529 (2016), Methods, "Neural network architecture": the SL policy network with k = 192 filters.
Input 19x19x48 feature planes; conv 5x5 192 pad 2 + ReLU; eleven conv 3x3 192 pad 1 + ReLU; conv
1x1 to one plane without bias, then a learned bias per board position (`bias` op,
`per: position`, shape [1, 19, 19]); flatten; softmax over the 361 points. No deviation (the
test input is the seeded uniform tensor, not binary feature planes). The logits are the
`flatten` layer's output.""",
    "mobilenetv2": """\
M. Sandler, A. Howard, M. Zhu, A. Zhmoginov, L.-C. Chen, "MobileNetV2: Inverted Residuals and
Linear Bottlenecks", CVPR 2018, Table 2 (width 1.0, 224x224), as torchvision's `mobilenet_v2`:
conv 3x3/2 32 (no bias) + BN + ReLU6; 17 inverted-residual blocks with (t, c, n, s) = (1, 16, 1,
1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1):
1x1 expansion to t x channels + BN + ReLU6 (absent when t = 1), 3x3 depthwise conv (`groups` =
channels) + BN + ReLU6, 1x1 linear projection + BN, and a residual `add` without activation
when the stride is 1 and the channel count is kept; conv 1x1 1280 + BN + ReLU6; global average
pool; dropout 0.2; fc 1000; softmax. ReLU6 is `clip` 0..6. No deviation.""",
}

NAMES = {
    "alexnet": "Layer names are the PyTorch module names of the model in `scripts/zoo/nets.py`.",
    "vgg16": "torchvision's `features.N` / `classifier.N` are named here `convS_J`, `poolS`, `fc6`-`fc8` "
             "(the map is in `scripts/zoo/nets.py`: `conv1_1` = `features.0`, ..., `fc8` = `classifier.6`).",
    "googlenet": "Layer names are torchvision's module paths (`inception4a.branch2.1.conv`), plus `.relu` / `.cat` "
                 "for the functional steps, so `<layer>.weight` is torchvision's state-dict key.",
    "resnet18": "Layer names are torchvision's module paths (`layer2.0.downsample.0`), plus `.relu1`, `.add` "
                "for the functional steps, so `<layer>.weight` is torchvision's state-dict key.",
    "resnet50": "Layer names are torchvision's module paths (`layer2.0.downsample.0`), plus `.relu1`, `.add` "
                "for the functional steps, so `<layer>.weight` is torchvision's state-dict key.",
    "densenet121": "Layer names are torchvision's module paths (`features.denseblock2.denselayer3.conv1`), "
                   "plus `.cat` for the concats, so `<layer>.weight` is torchvision's state-dict key.",
    "unet": "Layer names `enc1.conv1` ... are the model's `enc1_conv1` ... in `scripts/zoo/nets.py`.",
    "alphago-policy": "Layer names are the PyTorch module names of the model in `scripts/zoo/nets.py`.",
    "mobilenetv2": "Block k is torchvision's `features.k` (`block2.expand` = `features.2.conv.0.0`, "
                   "`block2.dw` = `features.2.conv.1.0`, `block2.project` = `features.2.conv.2`, ...; "
                   "`stem` = `features.0`, `head` = `features.18`, `classifier` = `classifier.1`).",
}


def g(n):
    return f"{n:,}"


def render(info, published, margin):
    name, net, rows = info["name"], info["net"], info["rows"]
    spec = info["spec"]
    ops = collections.Counter(L["op"] for L in net["layers"])
    inp = net["inputs"][0]
    out_shapes = {L["name"]: o for L, _, o, _, _ in rows}
    t64 = info["t64"]
    lines = [f"# {TITLE[name]}", "", SOURCE[name], ""]
    lines += [
        f"The PyTorch reference is {spec.torch_source}. {NAMES[name]}", "",
        "## Size", "",
        "| | this net.json | published |", "| --- | --- | --- |",
        f"| parameters | {g(info['n_trainable'])}"
        + (f" (+ {g(info['n_params'] - info['n_trainable'])} batchnorm running statistics)"
           if info["n_params"] != info["n_trainable"] else "") + f" | {published[0]} |",
        f"| MACs per sample | {g(info['macs'])} ({info['macs'] / 1e9:.2f} G; conv and dense "
        f"multiply-accumulates) | {published[1]} |",
        "",
        f"{len(net['layers'])} layers: " + ", ".join(f"{n} {op}" for op, n in ops.most_common()) + ". "
        f"Input `{inp['name']}` {inp['shape']}; output `{spec.final}` {out_shapes[spec.final]}.",
        "",
        "## Golden test (seeded weights, nothing big committed)", "",
        "The weights and the input are not stored: they come from the seeded generator of "
        "`docs/seeded-weights.md` (seed and gain in `seed.json`), implemented bit for bit the same in "
        "`scripts/zoo/seeded.py` and in Swift. `net.json` names `weights.safetensors`, which a test "
        "writes from the seed (or `python3 scripts/zoo/seeded.py examples/" + name + "/net.json`).",
        "",
    ]
    gain = info["gain"]
    stats = [s for s in info["stats"] if s[1] != "softmax"]
    gtxt = "sqrt(2), the default" if abs(gain - 2 ** 0.5) < 1e-15 else repr(gain)
    lines.append(f"- gain {gtxt}: layer outputs have standard deviations {min(s[2] for s in stats):.2g} to "
                 f"{max(s[2] for s in stats):.2g} (largest |value| {max(s[3] for s in stats):.3g}).")
    if spec.logits is not None:
        z, p = t64[spec.logits], t64[spec.final]
        lines.append(f"- logits (`{spec.logits}`): std {z.std():.3g}, largest |logit| {np.abs(z).max():.3g}; "
                     f"top probability {p.max():.3g} (class {int(p.argmax())}).")
    else:
        z = t64[spec.final]
        lines.append(f"- output map: std {z.std():.3g}, largest |value| {np.abs(z).max():.3g}.")
    if name == "resnet50":
        lines.append("- the gain is 1.25, not sqrt(2): with sqrt(2) the 16 residual additions grow the "
                     "activations to std ~40 and the logits to ~170 (a one-hot softmax); 1.25 keeps the logits ~15.")
    lines += ["", "### Tolerances", "",
              "A result passes when, elementwise, `|got - expected| <= atol + rtol * |expected|`.", "",
              "| file | layer | shape | atol | rtol | largest float32 error seen |", "| --- | --- | --- | --- | --- | --- |"]
    for f, layer in info["files"].items():
        atol, rtol, err = info["tol"][f]
        lines.append(f"| `{f}` | `{layer}` | {[1] + out_shapes[layer]} | {atol:g} | {rtol:g} | {err:.2g} |")
    c = info["checks"][spec.logits or spec.final]
    poss = "logits'" if spec.logits else "map's"
    lines += ["",
              "Measured against a float64 evaluation (largest error / largest |value| of the "
              f"{'logits' if spec.logits else 'map'}): PyTorch float32 {c['torch32']:.1e}; the net.json reader "
              f"without oneDNN (another summation order) {c['nodnnl32']:.1e}; the reader with every 3x3 "
              f"stride-1 conv done by Winograd F(4x4, 3x3) in float32 {c['winograd32']:.1e}. "
              f"The {poss} atol is {margin}x the largest of these, and at least "
              "1e-4 of the largest |value| (a float32 network's error scales with its activations, not with "
              "each element, hence rtol 0)."
              + (" A probability's relative error is at most twice the logits' absolute error, so the "
                 "probabilities get rtol = 2 x the logits' atol and atol 1e-7." if spec.logits else ""),
              "",
              "The transcription check: the independent net.json reader (`scripts/goldens/make_op_goldens.py`) "
              "on the same weights and input agrees with the PyTorch model "
              + ("exactly in float64 (the same arithmetic, layer by layer)" if c["reader64"] == 0 else
                 f"to {c['reader64']:.1e} (relative) in float64") + ".",
              "",
              "## Files", "",
              "- `net.json`: the network (version 1), one layer per line",
              "- `seed.json`: seed, gain, input shape (batch 1), tolerances, which layer each expected file "
              "holds, and `param_sum` / `param_abs_sum` (float64 sums of every parameter, to diagnose a "
              "generator mismatch)",
              ]
    for f, layer in info["files"].items():
        lines.append(f"- `{f}`: PyTorch's float32 output of `{layer}`, {[1] + out_shapes[layer]}, for the seeded input")
    lines += ["", "Regenerate (deterministic): `python3 scripts/zoo/make_zoo.py --only " + name + "`; add "
              "`--weights-out DIR` to also get `DIR/" + name + "/{net.json,weights.safetensors,input.npy}` "
              "for `cnnc compile` / `cnnc run`.", ""]
    return "\n".join(lines)
