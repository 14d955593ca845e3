"""torchvision MobileNetV2 (width 1.0) as an ONNX graph, from its state_dict.

Architecture facts (torchvision.models.mobilenetv2): stem 3x3 conv stride 2 to 32 channels,
17 inverted residual blocks from the (expansion t, channels c, repeats n, stride s) table
below (the stride applies to the first block of each row), a 1x1 conv to 1280 channels,
global average pooling and a linear layer. ReLU6 everywhere except after the projection;
a residual add when stride is 1 and input and output channels agree. BatchNorm eps 1e-5.
"""

from onnx_graph import GraphBuilder

INVERTED_RESIDUAL_SETTING = [
    # t, c, n, s
    (1, 16, 1, 1),
    (6, 24, 2, 2),
    (6, 32, 3, 2),
    (6, 64, 4, 2),
    (6, 96, 3, 1),
    (6, 160, 3, 2),
    (6, 320, 1, 1),
]
BN_EPS = 1e-5


def build(state_dict, size, fold_bn=True):
    """Return the ONNX ModelProto for a torchvision MobileNetV2 state_dict at input size `size`."""
    g = GraphBuilder(state_dict, BN_EPS, fold_bn)
    x = g.conv_bn("input", "features.0.0", "features.0.1", stride=2)
    index, channels = 1, 32
    for t, c, n, s in INVERTED_RESIDUAL_SETTING:
        for i in range(n):
            stride = s if i == 0 else 1
            p = f"features.{index}.conv"
            y = x
            if t != 1:
                y = g.conv_bn(y, f"{p}.0.0", f"{p}.0.1")
                y = g.conv_bn(y, f"{p}.1.0", f"{p}.1.1", stride=stride)
                y = g.conv_bn(y, f"{p}.2", f"{p}.3", relu6=False)
            else:
                y = g.conv_bn(y, f"{p}.0.0", f"{p}.0.1", stride=stride)
                y = g.conv_bn(y, f"{p}.1", f"{p}.2", relu6=False)
            x = g.add(x, y) if stride == 1 and channels == c else y
            index, channels = index + 1, c
    x = g.conv_bn(x, f"features.{index}.0", f"features.{index}.1")
    g.classifier_head(x, "classifier.1")
    return g.finish("mobilenet_v2", size, 1000, "torchvision MobileNetV2 (mobilenet_v2-b0353104.pth), BN folded")
