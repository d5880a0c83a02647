"""The zoo's network descriptions (net.json, version 1) and their PyTorch counterparts.

Each `build_<name>()` returns a Spec: the net.json dict, a function making the PyTorch model
(torchvision's where torchvision has the network, else a plain nn.Module written here),
the map from net.json layer names to PyTorch module paths (parameters are then
`<layer>.<param>` <-> `<module>.<param>`), which layers hold the logits and the final
output, and the README's facts.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Spec:
    def __init__(self, **kw):
        self.__dict__.update(kw)


KEY_ORDER = ["name", "op", "input", "inputs", "filters", "units", "kernel", "size", "stride", "padding",
             "output_padding", "dilation", "groups", "ceil_mode", "count_include_pad", "output", "per",
             "min", "max", "alpha", "beta", "k", "epsilon", "rate", "axis", "bias", "activation"]


class Builder:
    """Collects layers in file order; `torch=` records which PyTorch module holds the parameters."""

    def __init__(self, name, inputs):
        self.name = name
        self.inputs = [{"name": n, "shape": list(s)} for n, s in inputs]
        self.layers = []
        self.torch_map = {}
        self.prev = inputs[0][0]

    def add(self, name, op, *, input=None, inputs=None, torch=None, **fields):
        L = {"name": name, "op": op}
        if inputs is not None:
            L["inputs"] = list(inputs)
        elif input is not None and input != self.prev:
            L["input"] = input
        L.update(fields)
        L = {k: L[k] for k in sorted(L, key=KEY_ORDER.index)}  # one reading order for every layer
        assert all(l["name"] != name for l in self.layers), name
        self.layers.append(L)
        if torch is not None:
            self.torch_map[name] = torch
        self.prev = name
        return name

    def net(self, outputs):
        return {"version": 1, "name": self.name, "inputs": self.inputs, "weights": "weights.safetensors",
                "layers": self.layers, "outputs": list(outputs)}


def identity_map(b):
    """Layers whose names are PyTorch module paths (torchvision's own names)."""
    return {k: k for k in b.torch_map}


# ----------------------------------------------------------------------------
# AlexNet: Krizhevsky, Sutskever, Hinton 2012, single tower, with LRN.
# ----------------------------------------------------------------------------

class AlexNet2012(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 96, 11, stride=4)
        self.norm1 = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0)
        self.pool1 = nn.MaxPool2d(3, 2)
        self.conv2 = nn.Conv2d(96, 256, 5, padding=2)
        self.norm2 = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0)
        self.pool2 = nn.MaxPool2d(3, 2)
        self.conv3 = nn.Conv2d(256, 384, 3, padding=1)
        self.conv4 = nn.Conv2d(384, 384, 3, padding=1)
        self.conv5 = nn.Conv2d(384, 256, 3, padding=1)
        self.pool5 = nn.MaxPool2d(3, 2)
        self.fc6 = nn.Linear(256 * 6 * 6, 4096)
        self.drop6 = nn.Dropout(0.5)
        self.fc7 = nn.Linear(4096, 4096)
        self.drop7 = nn.Dropout(0.5)
        self.fc8 = nn.Linear(4096, 1000)

    def forward(self, x):
        x = self.pool1(self.norm1(F.relu(self.conv1(x))))
        x = self.pool2(self.norm2(F.relu(self.conv2(x))))
        x = F.relu(self.conv3(x))
        x = F.relu(self.conv4(x))
        x = self.pool5(F.relu(self.conv5(x)))
        x = torch.flatten(x, 1)
        x = self.drop6(F.relu(self.fc6(x)))
        x = self.drop7(F.relu(self.fc7(x)))
        return self.fc8(x)


def build_alexnet():
    b = Builder("alexnet", [("image", [3, 227, 227])])
    lrn = dict(size=5, alpha=1e-4, beta=0.75, k=2.0)
    b.add("conv1", "conv2d", filters=96, kernel=11, stride=4, activation="relu", torch="conv1")
    b.add("norm1", "lrn", **lrn)
    b.add("pool1", "maxpool2d", size=3, stride=2)
    b.add("conv2", "conv2d", filters=256, kernel=5, padding=2, activation="relu", torch="conv2")
    b.add("norm2", "lrn", **lrn)
    b.add("pool2", "maxpool2d", size=3, stride=2)
    b.add("conv3", "conv2d", filters=384, kernel=3, padding=1, activation="relu", torch="conv3")
    b.add("conv4", "conv2d", filters=384, kernel=3, padding=1, activation="relu", torch="conv4")
    b.add("conv5", "conv2d", filters=256, kernel=3, padding=1, activation="relu", torch="conv5")
    b.add("pool5", "maxpool2d", size=3, stride=2)
    b.add("flatten", "flatten")
    b.add("fc6", "dense", units=4096, activation="relu", torch="fc6")
    b.add("drop6", "dropout", rate=0.5)
    b.add("fc7", "dense", units=4096, activation="relu", torch="fc7")
    b.add("drop7", "dropout", rate=0.5)
    b.add("fc8", "dense", units=1000, torch="fc8")
    b.add("prob", "softmax")
    return Spec(net=b.net(["prob"]), model=AlexNet2012, torch_map=identity_map(b), logits="fc8", final="prob",
                torch_source="a plain `nn.Module` in `scripts/zoo/nets.py` (torchvision's `alexnet` is the "
                             "later one-tower variant of 2014, without LRN)")


# ----------------------------------------------------------------------------
# VGG-16 (torchvision vgg16, configuration D, no batchnorm).
# ----------------------------------------------------------------------------

def build_vgg16():
    import torchvision
    b = Builder("vgg16", [("image", [3, 224, 224])])
    idx = 0
    for stage, (n, c) in enumerate([(2, 64), (2, 128), (3, 256), (3, 512), (3, 512)], start=1):
        for j in range(1, n + 1):
            b.add(f"conv{stage}_{j}", "conv2d", filters=c, kernel=3, padding=1, activation="relu",
                  torch=f"features.{idx}")
            idx += 2  # Conv2d, ReLU
        b.add(f"pool{stage}", "maxpool2d", size=2)
        idx += 1
    b.add("avgpool", "adaptive_avgpool2d", output=[7, 7])
    b.add("flatten", "flatten")
    b.add("fc6", "dense", units=4096, activation="relu", torch="classifier.0")
    b.add("drop6", "dropout", rate=0.5)
    b.add("fc7", "dense", units=4096, activation="relu", torch="classifier.3")
    b.add("drop7", "dropout", rate=0.5)
    b.add("fc8", "dense", units=1000, torch="classifier.6")
    b.add("prob", "softmax")
    return Spec(net=b.net(["prob"]), model=lambda: torchvision.models.vgg16(weights=None),
                torch_map=b.torch_map, logits="fc8", final="prob", torch_source="`torchvision.models.vgg16()`")


# ----------------------------------------------------------------------------
# GoogLeNet (torchvision googlenet: BasicConv2d = conv (no bias) + BN(eps 1e-3) + relu).
# ----------------------------------------------------------------------------

def build_googlenet():
    import torchvision
    b = Builder("googlenet", [("image", [3, 224, 224])])

    def basic(name, x, filters, kernel, stride=1, padding=0):
        f = dict(filters=filters, kernel=kernel, bias=False)
        if stride != 1:
            f["stride"] = stride
        if padding:
            f["padding"] = padding
        b.add(f"{name}.conv", "conv2d", input=x, torch=f"{name}.conv", **f)
        b.add(f"{name}.bn", "batchnorm", epsilon=0.001, torch=f"{name}.bn")
        return b.add(f"{name}.relu", "relu")

    def inception(name, x, c1, c3r, c3, c5r, c5, pp):
        y1 = basic(f"{name}.branch1", x, c1, 1)
        t = basic(f"{name}.branch2.0", x, c3r, 1)
        y2 = basic(f"{name}.branch2.1", t, c3, 3, padding=1)
        t = basic(f"{name}.branch3.0", x, c5r, 1)
        y3 = basic(f"{name}.branch3.1", t, c5, 3, padding=1)  # torchvision: 3x3 here, not the paper's 5x5
        t = b.add(f"{name}.branch4.0", "maxpool2d", input=x, size=3, stride=1, padding=1, ceil_mode=True)
        y4 = basic(f"{name}.branch4.1", t, pp, 1)
        return b.add(f"{name}.cat", "concat", inputs=[y1, y2, y3, y4])

    x = basic("conv1", "image", 64, 7, stride=2, padding=3)
    x = b.add("maxpool1", "maxpool2d", size=3, stride=2, ceil_mode=True)
    x = basic("conv2", x, 64, 1)
    x = basic("conv3", x, 192, 3, padding=1)
    x = b.add("maxpool2", "maxpool2d", size=3, stride=2, ceil_mode=True)
    x = inception("inception3a", x, 64, 96, 128, 16, 32, 32)
    x = inception("inception3b", x, 128, 128, 192, 32, 96, 64)
    x = b.add("maxpool3", "maxpool2d", size=3, stride=2, ceil_mode=True)
    x = inception("inception4a", x, 192, 96, 208, 16, 48, 64)
    x = inception("inception4b", x, 160, 112, 224, 24, 64, 64)
    x = inception("inception4c", x, 128, 128, 256, 24, 64, 64)
    x = inception("inception4d", x, 112, 144, 288, 32, 64, 64)
    x = inception("inception4e", x, 256, 160, 320, 32, 128, 128)
    x = b.add("maxpool4", "maxpool2d", size=2, stride=2, ceil_mode=True)
    x = inception("inception5a", x, 256, 160, 320, 32, 128, 128)
    x = inception("inception5b", x, 384, 192, 384, 48, 128, 128)
    b.add("avgpool", "global_avgpool")
    b.add("flatten", "flatten")
    b.add("dropout", "dropout", rate=0.2)
    b.add("fc", "dense", units=1000, torch="fc")
    b.add("prob", "softmax")
    return Spec(net=b.net(["prob"]),
                model=lambda: torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False),
                torch_map=identity_map(b), logits="fc", final="prob",
                torch_source="`torchvision.models.googlenet(aux_logits=False, init_weights=False)` "
                             "(transform_input False, its default without pretrained weights)")


# ----------------------------------------------------------------------------
# ResNet-18 / ResNet-50 (torchvision; v1.5: the stride sits on the 3x3 of a bottleneck).
# ----------------------------------------------------------------------------

def _conv_bn(b, name, x, filters, kernel, stride=1, padding=0):
    f = dict(filters=filters, kernel=kernel, bias=False)
    if stride != 1:
        f["stride"] = stride
    if padding:
        f["padding"] = padding
    b.add(name, "conv2d", input=x, torch=name, **f)


def build_resnet(depth):
    import torchvision
    bottleneck = depth == 50
    blocks = {18: [2, 2, 2, 2], 50: [3, 4, 6, 3]}[depth]
    b = Builder(f"resnet{depth}", [("image", [3, 224, 224])])
    _conv_bn(b, "conv1", "image", 64, 7, 2, 3)
    b.add("bn1", "batchnorm", torch="bn1")
    b.add("relu", "relu")
    x = b.add("maxpool", "maxpool2d", size=3, stride=2, padding=1)
    cin = 64
    for stage, (n, planes) in enumerate(zip(blocks, [64, 128, 256, 512]), start=1):
        for i in range(n):
            p = f"layer{stage}.{i}"
            stride = 2 if (i == 0 and stage > 1) else 1
            cout = planes * 4 if bottleneck else planes
            if bottleneck:
                _conv_bn(b, f"{p}.conv1", x, planes, 1)
                b.add(f"{p}.bn1", "batchnorm", torch=f"{p}.bn1")
                b.add(f"{p}.relu1", "relu")
                _conv_bn(b, f"{p}.conv2", b.prev, planes, 3, stride, 1)
                b.add(f"{p}.bn2", "batchnorm", torch=f"{p}.bn2")
                b.add(f"{p}.relu2", "relu")
                _conv_bn(b, f"{p}.conv3", b.prev, cout, 1)
                y = b.add(f"{p}.bn3", "batchnorm", torch=f"{p}.bn3")
            else:
                _conv_bn(b, f"{p}.conv1", x, planes, 3, stride, 1)
                b.add(f"{p}.bn1", "batchnorm", torch=f"{p}.bn1")
                b.add(f"{p}.relu1", "relu")
                _conv_bn(b, f"{p}.conv2", b.prev, planes, 3, 1, 1)
                y = b.add(f"{p}.bn2", "batchnorm", torch=f"{p}.bn2")
            if stride != 1 or cin != cout:
                _conv_bn(b, f"{p}.downsample.0", x, cout, 1, stride)
                x = b.add(f"{p}.downsample.1", "batchnorm", torch=f"{p}.downsample.1")
            x = b.add(f"{p}.add", "add", inputs=[y, x], activation="relu")
            cin = cout
    b.add("avgpool", "global_avgpool")
    b.add("flatten", "flatten")
    b.add("fc", "dense", units=1000, torch="fc")
    b.add("prob", "softmax")
    ctor = getattr(torchvision.models, f"resnet{depth}")
    return Spec(net=b.net(["prob"]), model=lambda: ctor(weights=None), torch_map=identity_map(b),
                logits="fc", final="prob", torch_source=f"`torchvision.models.resnet{depth}()`")


# ----------------------------------------------------------------------------
# DenseNet-121 (torchvision densenet121: growth 32, blocks 6-12-24-16, bn_size 4).
# ----------------------------------------------------------------------------

def build_densenet121():
    import torchvision
    b = Builder("densenet121", [("image", [3, 224, 224])])
    _conv_bn(b, "features.conv0", "image", 64, 7, 2, 3)
    b.add("features.norm0", "batchnorm", torch="features.norm0")
    b.add("features.relu0", "relu")
    x = b.add("features.pool0", "maxpool2d", size=3, stride=2, padding=1)
    c = 64
    for bi, n in enumerate([6, 12, 24, 16], start=1):
        for li in range(1, n + 1):
            p = f"features.denseblock{bi}.denselayer{li}"
            b.add(f"{p}.norm1", "batchnorm", input=x, torch=f"{p}.norm1")
            b.add(f"{p}.relu1", "relu")
            _conv_bn(b, f"{p}.conv1", b.prev, 128, 1)
            b.add(f"{p}.norm2", "batchnorm", torch=f"{p}.norm2")
            b.add(f"{p}.relu2", "relu")
            _conv_bn(b, f"{p}.conv2", b.prev, 32, 3, 1, 1)
            # torchvision concatenates [block input, new_1, ..., new_k]; appending one at a time is the same
            x = b.add(f"{p}.cat", "concat", inputs=[x, f"{p}.conv2"])
            c += 32
        if bi < 4:
            p = f"features.transition{bi}"
            b.add(f"{p}.norm", "batchnorm", input=x, torch=f"{p}.norm")
            b.add(f"{p}.relu", "relu")
            c //= 2
            _conv_bn(b, f"{p}.conv", b.prev, c, 1)
            x = b.add(f"{p}.pool", "avgpool2d", size=2, stride=2)
    b.add("features.norm5", "batchnorm", torch="features.norm5")
    b.add("relu", "relu")
    b.add("avgpool", "global_avgpool")
    b.add("flatten", "flatten")
    b.add("classifier", "dense", units=1000, torch="classifier")
    b.add("prob", "softmax")
    return Spec(net=b.net(["prob"]), model=lambda: torchvision.models.densenet121(weights=None),
                torch_map=identity_map(b), logits="classifier", final="prob",
                torch_source="`torchvision.models.densenet121()`")


# ----------------------------------------------------------------------------
# UNet: Ronneberger, Fischer, Brox 2015, scaled down (3 poolings, 32 base channels, 'same' padding).
# ----------------------------------------------------------------------------

class UNet(nn.Module):
    def __init__(self, cin=1, base=32, classes=2):
        super().__init__()
        c = [base, base * 2, base * 4, base * 8]

        def double(name, i, o):
            setattr(self, f"{name}_conv1", nn.Conv2d(i, o, 3, padding=1))
            setattr(self, f"{name}_conv2", nn.Conv2d(o, o, 3, padding=1))

        double("enc1", cin, c[0])
        double("enc2", c[0], c[1])
        double("enc3", c[1], c[2])
        double("bottleneck", c[2], c[3])
        self.up3 = nn.ConvTranspose2d(c[3], c[2], 2, stride=2)
        double("dec3", c[3], c[2])
        self.up2 = nn.ConvTranspose2d(c[2], c[1], 2, stride=2)
        double("dec2", c[2], c[1])
        self.up1 = nn.ConvTranspose2d(c[1], c[0], 2, stride=2)
        double("dec1", c[1], c[0])
        self.final = nn.Conv2d(c[0], classes, 1)

    def _double(self, name, x):
        x = F.relu(getattr(self, f"{name}_conv1")(x))
        return F.relu(getattr(self, f"{name}_conv2")(x))

    def forward(self, x):
        e1 = self._double("enc1", x)
        e2 = self._double("enc2", F.max_pool2d(e1, 2))
        e3 = self._double("enc3", F.max_pool2d(e2, 2))
        m = self._double("bottleneck", F.max_pool2d(e3, 2))
        d3 = self._double("dec3", torch.cat([e3, self.up3(m)], 1))
        d2 = self._double("dec2", torch.cat([e2, self.up2(d3)], 1))
        d1 = self._double("dec1", torch.cat([e1, self.up1(d2)], 1))
        return self.final(d1)


UNET_CIN, UNET_CLASSES = 3, 2  # 3 input channels: the 4.61 GFLOP UNet of perf-notes


def build_unet():
    b = Builder("unet", [("image", [UNET_CIN, 128, 128])])

    def double(name, x, c):
        b.add(f"{name}.conv1", "conv2d", input=x, filters=c, kernel=3, padding=1, activation="relu",
              torch=f"{name}_conv1")
        return b.add(f"{name}.conv2", "conv2d", filters=c, kernel=3, padding=1, activation="relu",
                     torch=f"{name}_conv2")

    e1 = double("enc1", "image", 32)
    b.add("pool1", "maxpool2d", size=2)
    e2 = double("enc2", "pool1", 64)
    b.add("pool2", "maxpool2d", size=2)
    e3 = double("enc3", "pool2", 128)
    b.add("pool3", "maxpool2d", size=2)
    x = double("bottleneck", "pool3", 256)
    for lvl, skip, c in [(3, e3, 128), (2, e2, 64), (1, e1, 32)]:
        b.add(f"up{lvl}", "conv_transpose2d", input=x, filters=c, kernel=2, stride=2, torch=f"up{lvl}")
        b.add(f"dec{lvl}.cat", "concat", inputs=[skip, f"up{lvl}"])
        x = double(f"dec{lvl}", f"dec{lvl}.cat", c)
    b.add("final", "conv2d", filters=UNET_CLASSES, kernel=1, torch="final")
    return Spec(net=b.net(["final"]), model=lambda: UNet(UNET_CIN, 32, UNET_CLASSES), torch_map=b.torch_map,
                logits=None, final="final", torch_source="a plain `nn.Module` in `scripts/zoo/nets.py`")


# ----------------------------------------------------------------------------
# AlphaGo policy network (Silver et al. 2016, SL policy network, k = 192).
# ----------------------------------------------------------------------------

class AlphaGoPolicy(nn.Module):
    def __init__(self, k=192, planes=48):
        super().__init__()
        self.conv1 = nn.Conv2d(planes, k, 5, padding=2)
        for i in range(2, 13):
            setattr(self, f"conv{i}", nn.Conv2d(k, k, 3, padding=1))
        self.conv13 = nn.Conv2d(k, 1, 1, bias=False)
        self.position_bias = nn.Module()
        self.position_bias.bias = nn.Parameter(torch.zeros(1, 19, 19))

    def forward(self, x):
        for i in range(1, 13):
            x = F.relu(getattr(self, f"conv{i}")(x))
        x = self.conv13(x) + self.position_bias.bias
        return torch.flatten(x, 1)  # logits over the 361 points; softmax outside


def build_alphago():
    b = Builder("alphago_policy", [("board", [48, 19, 19])])
    b.add("conv1", "conv2d", filters=192, kernel=5, padding=2, activation="relu", torch="conv1")
    for i in range(2, 13):
        b.add(f"conv{i}", "conv2d", filters=192, kernel=3, padding=1, activation="relu", torch=f"conv{i}")
    b.add("conv13", "conv2d", filters=1, kernel=1, bias=False, torch="conv13")
    b.add("position_bias", "bias", per="position", torch="position_bias")
    b.add("flatten", "flatten")
    b.add("prob", "softmax")
    return Spec(net=b.net(["prob"]), model=AlphaGoPolicy, torch_map=b.torch_map, logits="flatten", final="prob",
                torch_source="a plain `nn.Module` in `scripts/zoo/nets.py`")


# ----------------------------------------------------------------------------
# MobileNetV2 (torchvision mobilenet_v2, width 1.0).
# ----------------------------------------------------------------------------

def build_mobilenetv2():
    import torchvision
    b = Builder("mobilenetv2", [("image", [3, 224, 224])])
    relu6 = dict(min=0.0, max=6.0)
    b.add("stem.conv", "conv2d", filters=32, kernel=3, stride=2, padding=1, bias=False, torch="features.0.0")
    b.add("stem.bn", "batchnorm", torch="features.0.1")
    x = b.add("stem.relu6", "clip", **relu6)
    cin, k = 32, 1
    for t, c, n, s in [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1],
                       [6, 160, 3, 2], [6, 320, 1, 1]]:
        for i in range(n):
            stride = s if i == 0 else 1
            p, tp = f"block{k}", f"features.{k}.conv"
            hidden = cin * t
            j = 0
            if t != 1:
                b.add(f"{p}.expand", "conv2d", input=x, filters=hidden, kernel=1, bias=False, torch=f"{tp}.0.0")
                b.add(f"{p}.expand_bn", "batchnorm", torch=f"{tp}.0.1")
                b.add(f"{p}.expand_relu6", "clip", **relu6)
                j = 1
            f = dict(filters=hidden, kernel=3, padding=1, groups=hidden, bias=False)
            if stride != 1:
                f["stride"] = stride
            b.add(f"{p}.dw", "conv2d", input=b.prev if t != 1 else x, torch=f"{tp}.{j}.0", **f)
            b.add(f"{p}.dw_bn", "batchnorm", torch=f"{tp}.{j}.1")
            b.add(f"{p}.dw_relu6", "clip", **relu6)
            b.add(f"{p}.project", "conv2d", filters=c, kernel=1, bias=False, torch=f"{tp}.{j + 1}")
            y = b.add(f"{p}.project_bn", "batchnorm", torch=f"{tp}.{j + 2}")
            x = b.add(f"{p}.add", "add", inputs=[x, y]) if stride == 1 and cin == c else y
            cin, k = c, k + 1
    b.add("head.conv", "conv2d", input=x, filters=1280, kernel=1, bias=False, torch="features.18.0")
    b.add("head.bn", "batchnorm", torch="features.18.1")
    b.add("head.relu6", "clip", **relu6)
    b.add("avgpool", "global_avgpool")
    b.add("flatten", "flatten")
    b.add("dropout", "dropout", rate=0.2)
    b.add("classifier", "dense", units=1000, torch="classifier.1")
    b.add("prob", "softmax")
    return Spec(net=b.net(["prob"]), model=lambda: torchvision.models.mobilenet_v2(weights=None),
                torch_map=b.torch_map, logits="classifier", final="prob",
                torch_source="`torchvision.models.mobilenet_v2()`")


BUILDERS = {
    "alexnet": build_alexnet,
    "vgg16": build_vgg16,
    "googlenet": build_googlenet,
    "resnet18": lambda: build_resnet(18),
    "resnet50": lambda: build_resnet(50),
    "densenet121": build_densenet121,
    "unet": build_unet,
    "alphago-policy": build_alphago,
    "mobilenetv2": build_mobilenetv2,
}
