import CONNXRuntime
import Foundation
import GailleryClassifier

/// One ONNX Runtime session with named inputs of mixed types and float32 outputs (`gort_session_run_tensors`).
///
/// Not Sendable and not locked: the session handle belongs to the `MoonshineRecognizer` that created it,
/// which uses it only under its own lock.
final class OnnxSession {
    /// An input tensor: `data` must stay valid for the call (it is read, not copied); it may be nil when a
    /// dimension is 0.
    struct Argument {
        var name: String
        var type: gort_element_type
        var data: UnsafeRawPointer?
        var shape: [Int64]
    }

    private let pointer: OpaquePointer
    /// Keeps the runtime (its environment) alive as long as the session.
    private let runtime: OnnxRuntime

    /// Loads `url` with all graph optimisations and `threads` intra-op threads, run sequentially.
    /// - Throws: `SpeechError` `.modelMissing` when ONNX Runtime cannot load the file.
    init(runtime: OnnxRuntime, url: URL, threads: Int) throws(SpeechError) {
        var options = gort_session_options(
            intra_op_threads: Int32(clamping: threads), inter_op_threads: 1, allow_spinning: 0)
        var message = gort_message()
        var handle: OpaquePointer?
        let status = gort_session_open(runtime.handle, url.path, &options, &handle, &message)
        guard status == GORT_OK, let handle else {
            throw .modelMissing("\(Self.text(message)); run `make models` to rebuild the Moonshine files")
        }
        self.pointer = handle
        self.runtime = runtime
    }

    deinit { gort_session_release(pointer) }

    /// Runs the model and returns the outputs named `outputs`, in that order.
    /// - Throws: `SpeechError` `.decoderFailed` with ONNX Runtime's message.
    func run(_ inputs: [Argument], outputs: [String]) throws(SpeechError) -> [OnnxOutput] {
        let inputNames = inputs.map { strdup($0.name) }
        let outputNames = outputs.map { strdup($0) }
        defer { (inputNames + outputNames).forEach { free($0) } }
        var offsets: [Int] = []
        var shapes: [Int64] = []
        for input in inputs {
            offsets.append(shapes.count)
            shapes += input.shape
        }
        var results = [OpaquePointer?](repeating: nil, count: outputs.count)
        var message = gort_message()
        let status = shapes.withUnsafeBufferPointer { shapeBuffer in
            let arguments = inputs.indices.map { index in
                gort_input(
                    name: inputNames[index], type: inputs[index].type, data: inputs[index].data,
                    shape: shapeBuffer.baseAddress! + offsets[index], rank: inputs[index].shape.count)
            }
            let names = outputNames.map { UnsafePointer($0) }
            return gort_session_run_tensors(
                pointer, arguments, arguments.count, names, names.count, &results, &message)
        }
        guard status == GORT_OK else { throw .decoderFailed("Moonshine: \(Self.text(message))") }
        return results.map { OnnxOutput(pointer: $0!) }
    }

    static func text(_ message: gort_message) -> String {
        withUnsafeBytes(of: message.text) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

/// A float32 tensor that ONNX Runtime allocated, freed when this object goes.
final class OnnxOutput {
    private let pointer: OpaquePointer

    init(pointer: OpaquePointer) { self.pointer = pointer }

    deinit { gort_output_release(pointer) }

    /// The dimensions.
    var shape: [Int] { (0..<gort_output_rank(pointer)).map { Int(gort_output_shape(pointer)[$0]) } }

    /// The values, row-major; valid while this object lives.
    var values: UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: gort_output_data(pointer), count: gort_output_count(pointer))
    }
}
