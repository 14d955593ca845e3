import CONNXRuntime
import Foundation

/// One run of an ONNX Runtime session on a batch of NCHW float images, its outputs copied out of
/// ONNX Runtime's buffers: the one place the classifier and the person detector call the C API to infer.
enum SessionRun {
    /// An output to read and how many values it must have.
    struct Output {
        /// The output's name in the model.
        var name: String
        /// Its expected number of values for the whole batch.
        var count: Int
    }

    /// Runs `session` (under `lock`: a session runs one batch at a time) on `count` images of
    /// `3 × side × side` values each, fed to the input `inputName`; returns each of `outputs`' values.
    /// - Throws: `ClassifierError` `.inference` when the run fails or an output has another size than
    ///   `Output.count` (the model file does not match its manifest).
    static func run(
        _ session: OpaquePointer, lock: NSLock, modelID: String, inputName: String, side: Int, count: Int,
        tensors: [Float], outputs: [Output]
    ) throws(ClassifierError) -> [[Float]] {
        let shape: [Int64] = [Int64(count), 3, Int64(side), Int64(side)]
        let names = outputs.map { strdup($0.name) }
        let input = strdup(inputName)
        defer {
            names.forEach { free($0) }
            free(input)
        }
        var results = [OpaquePointer?](repeating: nil, count: names.count)
        var message = gort_message()
        let status = tensors.withUnsafeBufferPointer { data in
            shape.withUnsafeBufferPointer { dims in
                var tensor = gort_input(
                    name: input, type: GORT_FLOAT, data: data.baseAddress, shape: dims.baseAddress, rank: dims.count)
                let outputNames = names.map { UnsafePointer($0) }
                lock.lock()
                defer { lock.unlock() }
                return gort_session_run_tensors(
                    session, &tensor, 1, outputNames, outputNames.count, &results, &message)
            }
        }
        defer { results.forEach { gort_output_release($0) } }
        guard status == GORT_OK else { throw .inference("\(modelID): \(message.string)") }
        var copies: [[Float]] = []
        for (result, output) in zip(results, outputs) {
            guard let result, gort_output_count(result) == output.count else {
                let found = result.map { gort_output_count($0) } ?? 0
                throw .inference(
                    "\(modelID): output \(output.name) has \(found) values, expected \(output.count); "
                        + "the model file does not match its manifest: run `make models`")
            }
            copies.append(Array(UnsafeBufferPointer(start: gort_output_data(result), count: output.count)))
        }
        return copies
    }
}
