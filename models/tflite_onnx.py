"""A small TFLite -> ONNX converter for exactly the operators MediaPipe's detectors use.

MediaPipe ships its BlazePose person detector (and BlazeFace) as TFLite flatbuffers whose weights are
float16, some of them stored sparse. ONNX Runtime cannot read TFLite, and the stock converter
(`tflite2onnx` 0.4.1) knows neither DENSIFY nor DEPTH_TO_SPACE, so this module converts them itself:

- constants are folded here, in numpy: DENSIFY (TFLite's sparse format: per dimension dense or CSR,
  walked in traversal order, block dimensions folded back) and DEQUANTIZE (float16 -> float32);
- activations are NHWC in TFLite and NCHW in ONNX: every 4-D activation is kept NCHW, kernels are
  transposed once ([O,H,W,I] -> [O,I,H,W]; depthwise [1,H,W,C*M] -> [C*M,1,H,W] with group C), PAD's
  paddings and CONCATENATION's axis are mapped, and a Transpose back to NHWC is inserted only where a
  layout-blind operator (RESHAPE) reads a 4-D tensor;
- TF's SAME padding becomes explicit ONNX pads (the extra pixel at the end, as TF puts it);
- DEPTH_TO_SPACE on NHWC is ONNX DepthToSpace in DCR mode on NCHW (the depth index is (row, column,
  channel) in both);
- RESIZE_BILINEAR becomes Resize (linear) with scales, so the batch dimension stays free.

The output is deterministic: nodes in the TFLite order, initializers named after the tensor index and
written once each, so the same .tflite gives a byte-identical .onnx.
Reads the flatbuffer with the pure-Python `tflite` schema package (PyPI tflite 2.18.0).
"""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
ACTIVATIONS = {0: None, 1: "Relu", 3: "Relu6"}  # TFLite ActivationFunctionType values this model uses
TYPES = {0: np.float32, 1: np.float16, 2: np.int32, 3: np.uint8, 4: np.int64, 9: np.int8}


class UnsupportedModel(ValueError):
    """The model uses something this converter does not know (named in the message)."""


def _options(tflite, op, cls):
    table = op.BuiltinOptions()
    options = getattr(tflite, cls)()
    options.Init(table.Bytes, table.Pos)
    return options


def _index_vector(tflite, kind, table):
    """One of SparseIndexVector's union members (1 Int32Vector, 2 Uint16Vector, 3 Uint8Vector) as numpy."""
    cls = {1: tflite.Int32Vector, 2: tflite.Uint16Vector, 3: tflite.Uint8Vector}.get(kind)
    if cls is None:
        raise UnsupportedModel(f"sparse index vector type {kind}")
    vector = cls()
    vector.Init(table.Bytes, table.Pos)
    return vector.ValuesAsNumpy().astype(np.int64)


def densify(tflite, tensor, values):
    """The dense array of a sparse TFLite tensor whose stored (compressed) values are `values`."""
    sparsity = tensor.Sparsity()
    shape = [int(d) for d in tensor.ShapeAsNumpy()]
    order = [int(d) for d in sparsity.TraversalOrderAsNumpy()]
    block_map = [int(d) for d in sparsity.BlockMapAsNumpy()] if sparsity.BlockMapLength() else []
    levels = []
    for level in range(sparsity.DimMetadataLength()):
        meta = sparsity.DimMetadata(level)
        if meta.Format() == 0:
            levels.append(("dense", int(meta.DenseSize()), None, None))
        else:
            levels.append(("csr", 0, _index_vector(tflite, meta.ArraySegmentsType(), meta.ArraySegments()),
                           _index_vector(tflite, meta.ArrayIndicesType(), meta.ArrayIndices())))
    rank = len(shape)
    block_sizes = {}
    for k, dim in enumerate(block_map):
        block_sizes[rank + k] = (dim, levels[order.index(rank + k)][1])
    dense = np.zeros(shape, dtype=values.dtype)
    coords = [0] * len(order)

    def walk(level, position):
        if level == len(levels):
            index = list(coords[:rank])
            for block_dim, (dim, size) in block_sizes.items():
                index[dim] = index[dim] * size + coords[block_dim]
            dense[tuple(index)] = values[position]
            return
        kind, size, segments, indices = levels[level]
        if kind == "dense":
            for j in range(size):
                coords[order[level]] = j
                walk(level + 1, position * size + j)
        else:
            for k in range(int(segments[position]), int(segments[position + 1])):
                coords[order[level]] = int(indices[k])
                walk(level + 1, k)

    walk(0, 0)
    return dense


class Converter:
    """Converts subgraph 0 of one TFLite model; `convert()` returns the checked ModelProto."""

    def __init__(self, tflite, data, input_name="input", output_names=None):
        self.tflite = tflite
        self.model = tflite.Model.GetRootAsModel(data, 0)
        self.graph = self.model.Subgraphs(0)
        self.input_name = input_name
        self.output_names = output_names or {}
        self.constants = {}  # tensor index -> numpy array (NHWC as stored)
        self.names = {}  # tensor index -> ONNX value name
        self.layout = {}  # tensor index -> "NCHW" for 4-D activations, "plain" otherwise
        self.nodes, self.initializers, self._initialized = [], [], set()
        self.opnames = {v: k for k, v in vars(tflite.BuiltinOperator).items() if not k.startswith("_")}
        for index in range(self.graph.TensorsLength()):
            tensor = self.graph.Tensors(index)
            buffer = self.model.Buffers(tensor.Buffer())
            if buffer is not None and buffer.DataLength() > 0:
                dtype = TYPES.get(tensor.Type())
                if dtype is None:
                    raise UnsupportedModel(f"tensor {tensor.Name()!r} has TFLite type {tensor.Type()}")
                raw = buffer.DataAsNumpy().tobytes()
                values = np.frombuffer(raw, dtype=dtype)
                if tensor.Sparsity() is None:
                    values = values.reshape([int(d) for d in tensor.ShapeAsNumpy()])
                self.constants[index] = values

    def shape(self, index):
        return [int(d) for d in self.graph.Tensors(index).ShapeAsNumpy()]

    def const(self, name, array):
        if name not in self._initialized:
            self._initialized.add(name)
            self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def value(self, index, layout="NCHW"):
        """The ONNX name of tensor `index` in `layout` (inserting a Transpose back to NHWC if asked)."""
        name = self.names[index]
        if layout == "plain" and self.layout[index] == "NCHW":
            plain = f"{name}_nhwc"
            if plain not in self._initialized:
                self._initialized.add(plain)
                self.nodes.append(helper.make_node("Transpose", [name], [plain], perm=[0, 2, 3, 1]))
            return plain
        return name

    def emit(self, op_type, inputs, output_index, activation=0, layout="NCHW", **attributes):
        """Appends one node (and its fused activation) producing tensor `output_index`."""
        out = f"t{output_index}"
        kind = ACTIVATIONS.get(activation, "unsupported")
        if kind == "unsupported":
            raise UnsupportedModel(f"fused activation {activation}")
        produced = out if kind is None else out + "_pre"
        self.nodes.append(helper.make_node(op_type, inputs, [produced], **attributes))
        if kind == "Relu":
            self.nodes.append(helper.make_node("Relu", [produced], [out]))
        elif kind == "Relu6":
            zero = self.const("clip_min", np.array(0.0, np.float32))
            six = self.const("clip_max", np.array(6.0, np.float32))
            self.nodes.append(helper.make_node("Clip", [produced, zero, six], [out]))
        self.names[output_index], self.layout[output_index] = out, layout

    def same_pads(self, in_hw, kernel, strides, dilations, out_hw):
        pads_begin, pads_end = [], []
        for size, k, s, d, out in zip(in_hw, kernel, strides, dilations, out_hw):
            total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
            pads_begin.append(total // 2)
            pads_end.append(total - total // 2)
        return pads_begin + pads_end

    def conv(self, op, ins, out, depthwise):
        options = _options(self.tflite, op, "DepthwiseConv2DOptions" if depthwise else "Conv2DOptions")
        weights = self.constants[ins[1]].astype(np.float32)
        if depthwise:  # [1, H, W, C*M] -> [C*M, 1, H, W]
            kernel = weights.transpose(3, 0, 1, 2)
            group = self.shape(ins[0])[3]
        else:  # [O, H, W, I] -> [O, I, H, W]
            kernel = weights.transpose(0, 3, 1, 2)
            group = 1
        strides = [options.StrideH(), options.StrideW()]
        dilations = [options.DilationHFactor(), options.DilationWFactor()]
        size = list(kernel.shape[2:])
        pads = [0, 0, 0, 0]
        if options.Padding() == 0:
            pads = self.same_pads(self.shape(ins[0])[1:3], size, strides, dilations, self.shape(out)[1:3])
        inputs = [self.value(ins[0]), self.const(f"w{ins[1]}", kernel)]
        if len(ins) > 2 and ins[2] >= 0:
            inputs.append(self.const(f"b{ins[2]}", self.constants[ins[2]].astype(np.float32)))
        self.emit("Conv", inputs, out, options.FusedActivationFunction(), kernel_shape=size, strides=strides,
                  dilations=dilations, pads=pads, group=group)

    def convert_op(self, op):
        code = self.model.OperatorCodes(op.OpcodeIndex())
        name = self.opnames.get(max(code.BuiltinCode(), code.DeprecatedBuiltinCode()), "?")
        ins = [int(i) for i in op.InputsAsNumpy()]
        out = int(op.OutputsAsNumpy()[0])
        if name == "DENSIFY":
            self.constants[out] = densify(self.tflite, self.graph.Tensors(ins[0]), self.constants[ins[0]])
        elif name == "DEQUANTIZE":
            self.constants[out] = self.constants[ins[0]].astype(np.float32).reshape(self.shape(out))
        elif name in ("CONV_2D", "DEPTHWISE_CONV_2D"):
            self.conv(op, ins, out, depthwise=name == "DEPTHWISE_CONV_2D")
        elif name == "ADD":
            if any(i in self.constants for i in ins):
                raise UnsupportedModel("ADD with a constant operand")
            layouts = {self.layout[i] for i in ins}
            layout = "NCHW" if layouts == {"NCHW"} else "plain"
            self.emit("Add", [self.value(i, layout) for i in ins], out,
                      _options(self.tflite, op, "AddOptions").FusedActivationFunction(), layout=layout)
        elif name == "PAD":
            (n0, n1), (h0, h1), (w0, w1), (c0, c1) = self.constants[ins[1]].reshape(4, 2).tolist()
            pads = self.const(f"pads{ins[1]}", np.array([n0, c0, h0, w0, n1, c1, h1, w1], np.int64))
            self.emit("Pad", [self.value(ins[0]), pads], out, mode="constant")
        elif name == "DEPTH_TO_SPACE":
            block = _options(self.tflite, op, "DepthToSpaceOptions").BlockSize()
            self.emit("DepthToSpace", [self.value(ins[0])], out, blocksize=block, mode="DCR")
        elif name == "RESIZE_BILINEAR":
            options = _options(self.tflite, op, "ResizeBilinearOptions")
            mode = ("align_corners" if options.AlignCorners()
                    else "half_pixel" if options.HalfPixelCenters() else "asymmetric")
            (h, w), (oh, ow) = self.shape(ins[0])[1:3], self.shape(out)[1:3]
            scales = self.const(f"scales{out}", np.array([1, 1, oh / h, ow / w], np.float32))
            self.emit("Resize", [self.value(ins[0]), "", scales], out, mode="linear",
                      coordinate_transformation_mode=mode)
        elif name == "RESHAPE":
            target = self.shape(out)
            shape = self.const(f"shape{out}", np.array([0] + target[1:], np.int64))  # 0: keep the batch
            self.emit("Reshape", [self.value(ins[0], "plain"), shape], out, layout="plain")
        elif name == "CONCATENATION":
            options = _options(self.tflite, op, "ConcatenationOptions")
            layouts = {self.layout[i] for i in ins}
            axis = options.Axis() % len(self.shape(out))
            if layouts == {"NCHW"}:
                axis = [0, 2, 3, 1][axis]
                layout = "NCHW"
            else:
                layout = "plain"
            self.emit("Concat", [self.value(i, layout) for i in ins], out, options.FusedActivationFunction(),
                      layout=layout, axis=axis)
        else:
            raise UnsupportedModel(f"operator {name} is not supported by models/tflite_onnx.py")

    def convert(self, doc=""):
        (source,) = [int(i) for i in self.graph.InputsAsNumpy()]
        n, h, w, c = self.shape(source)
        self.names[source], self.layout[source] = self.input_name, "NCHW"
        for index in range(self.graph.OperatorsLength()):
            self.convert_op(self.graph.Operators(index))
        outputs = []
        for index in [int(i) for i in self.graph.OutputsAsNumpy()]:
            tflite_name = self.graph.Tensors(index).Name().decode()
            name = self.output_names.get(tflite_name, tflite_name)
            self.nodes.append(helper.make_node("Identity", [self.value(index, "plain")], [name]))
            outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["N"] + self.shape(index)[1:]))
        inp = helper.make_tensor_value_info(self.input_name, TensorProto.FLOAT, ["N", c, h, w])
        graph = helper.make_graph(self.nodes, "converted", [inp], outputs, self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                                  producer_name="gaillery models/tflite_onnx.py", doc_string=doc)
        model.ir_version = 8
        onnx.checker.check_model(model, full_check=True)
        return model
