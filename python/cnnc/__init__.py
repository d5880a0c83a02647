"""Run models compiled by cnnc from Python.

>>> import cnnc
>>> m = cnnc.load("liblenet5.so")
>>> m.inputs
(TensorInfo(name='image', shape=(1, 32, 32)),)
>>> probabilities = m(images)                  # [N, 1, 32, 32] -> [N, 10]
>>> m.run({"image": images})["prob"]           # the same, by name

``cnnc.compile("net.json", "libnet.so")`` calls the ``cnnc`` command line tool.
``cnnc.compare_layers(actual, reference)`` compares a library built with ``all_layers=True``
layer by layer with ONNX Runtime's (``python -m cnnc.reference``) or PyTorch's layers.
"""

from ._cli import compile, find_cnnc
from ._layers import LayerComparison, LayerResult, compare_layers
from ._model import Error, Model, TensorInfo, load

__all__ = ["Error", "LayerComparison", "LayerResult", "Model", "TensorInfo", "compare_layers", "compile", "find_cnnc", "load"]
__version__ = "0.1.0"
