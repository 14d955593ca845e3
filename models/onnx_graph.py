"""A small builder for inference-only ONNX classifier graphs from a numpy state_dict.

Batch norm is folded into the preceding convolution, ReLU6 becomes Clip(0, 6), and the
head is GlobalAveragePool -> Flatten -> Gemm, with "logits" and a Softmax "probabilities"
output, and the pooled features before the Gemm as a third output, "embedding" (the photo's
appearance for "more like this"; ONNX Runtime computes it anyway, so fetching it is free). Everything is deterministic: the same weights give byte-identical files.
"""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
INPUT_NAME = "input"
LOGITS_NAME = "logits"
PROBABILITIES_NAME = "probabilities"
EMBEDDING_NAME = "embedding"


class GraphBuilder:
    """Accumulates nodes and initializers; consumes the state_dict entries it uses."""

    def __init__(self, state_dict, bn_eps, fold_bn=True):
        self.weights = dict(state_dict)
        self.bn_eps = bn_eps
        self.fold_bn = fold_bn  # False keeps BatchNormalization nodes: selftest checks the folding against it
        self.nodes, self.initializers = [], []
        self._count = 0
        self._const("clip_min", np.array(0.0, np.float32))
        self._const("clip_max", np.array(6.0, np.float32))

    def take(self, key):
        """Remove and return one weight; KeyError names the missing key."""
        return self.weights.pop(key)

    def _const(self, name, array):
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def _name(self, stem):
        self._count += 1
        return f"{stem}_{self._count}"

    def conv_bn(self, x, conv, bn, stride=1, pads=None, relu6=True):
        """Conv (weights `conv`.weight) with batch norm `bn` folded in (or after it), then ReLU6 if asked.

        pads: [top, left, bottom, right]; default symmetric (k - 1) / 2. Groups follow from the
        weight shape (a depthwise kernel has one input channel per group).
        """
        w = self.take(f"{conv}.weight").astype(np.float64)
        bias = self.weights.pop(f"{conv}.bias", np.zeros(w.shape[0])).astype(np.float64)
        gamma, beta = self.take(f"{bn}.weight"), self.take(f"{bn}.bias")
        mean, var = self.take(f"{bn}.running_mean"), self.take(f"{bn}.running_var")
        self.weights.pop(f"{bn}.num_batches_tracked", None)
        k = w.shape[2]
        groups = w.shape[0] if w.shape[1] == 1 and w.shape[0] > 1 else 1
        pads = pads if pads is not None else [(k - 1) // 2] * 4
        out = self._name(conv.replace(".", "_"))
        if self.fold_bn:
            scale = gamma.astype(np.float64) / np.sqrt(var.astype(np.float64) + self.bn_eps)
            w, bias = w * scale[:, None, None, None], (bias - mean) * scale + beta
        conv_out = out if self.fold_bn else out + "_conv"
        self.nodes.append(helper.make_node(
            "Conv", [x, self._const(out + "_w", w.astype(np.float32)),
                     self._const(out + "_b", bias.astype(np.float32))], [conv_out], kernel_shape=[k, k], strides=[stride, stride], pads=pads, group=groups))
        if not self.fold_bn:
            params = [self._const(f"{out}_{n}", a) for n, a in (("g", gamma), ("b2", beta), ("m", mean), ("v", var))]
            self.nodes.append(helper.make_node("BatchNormalization", [conv_out, *params], [out], epsilon=self.bn_eps))
        return self.relu6(out) if relu6 else out

    def relu6(self, x):
        out = self._name("relu6")
        self.nodes.append(helper.make_node("Clip", [x, "clip_min", "clip_max"], [out]))
        return out

    def add(self, a, b):
        out = self._name("add")
        self.nodes.append(helper.make_node("Add", [a, b], [out]))
        return out

    def classifier_head(self, x, fc):
        """GlobalAveragePool, Flatten (the "embedding" output), Gemm with `fc`.weight/bias, Softmax."""
        pooled, flat = self._name("pool"), EMBEDDING_NAME
        self.nodes.append(helper.make_node("GlobalAveragePool", [x], [pooled]))
        self.nodes.append(helper.make_node("Flatten", [pooled], [flat], axis=1))
        w, b = self.take(f"{fc}.weight"), self.take(f"{fc}.bias")
        self.embedding_size = w.shape[1]
        self.nodes.append(helper.make_node(
            "Gemm", [flat, self._const("fc_w", w), self._const("fc_b", b)], [LOGITS_NAME], transB=1))
        self.nodes.append(helper.make_node("Softmax", [LOGITS_NAME], [PROBABILITIES_NAME], axis=1))

    def finish(self, graph_name, size, classes, doc):
        """Return a checked ModelProto with input [N, 3, size, size], [N, classes] outputs and the embedding."""
        leftover = sorted(self.weights)
        if leftover:
            raise ValueError(f"{graph_name}: unused weights {leftover[:5]} (architecture mismatch)")
        inp = helper.make_tensor_value_info(INPUT_NAME, TensorProto.FLOAT, ["N", 3, size, size])
        outs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["N", classes])
                for n in (LOGITS_NAME, PROBABILITIES_NAME)]
        outs.append(helper.make_tensor_value_info(EMBEDDING_NAME, TensorProto.FLOAT, ["N", self.embedding_size]))
        graph = helper.make_graph(self.nodes, graph_name, [inp], outs, self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                                  producer_name="gaillery models/convert.py", doc_string=doc)
        model.ir_version = 8
        onnx.checker.check_model(model, full_check=True)
        return model
