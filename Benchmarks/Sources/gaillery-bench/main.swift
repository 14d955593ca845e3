// gaillery-bench: benchmarks that run the real daemon beside a baseline in the same invocation.
// Usage: gaillery-bench all | rpc | upload | search | ingest | people [--count N] [--rounds R] | speech | encoder | web [N] | similar [N] | duplicates | echo-server --socket PATH [--threads N] [--reply-file FILE]
// See Benchmarks/README.md for the commands and the latest figures.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first ?? "all" {
    case "echo-server":
        let usage = "usage: echo-server --socket PATH [--threads N] [--reply-file FILE]"
        var options: [String: String] = [:]
        var rest = arguments.dropFirst()[...]
        while let flag = rest.popFirst() {
            guard ["--socket", "--threads", "--reply-file"].contains(flag), let value = rest.popFirst() else {
                throw BenchError(usage)
            }
            options[flag] = value
        }
        guard let socket = options["--socket"] else { throw BenchError(usage) }
        guard let threads = Int(options["--threads"] ?? "\(ProcessInfo.processInfo.activeProcessorCount)"), threads > 0
        else { throw BenchError(usage) }
        try EchoServer.run(socketPath: socket, threads: threads, replyFile: options["--reply-file"])
    case "probe": try await Probe.run(directory: arguments[1])
    case "rpc": try RPCBenchmark.run()
    case "upload": try UploadBenchmark.run(count: Int(arguments.dropFirst().first ?? "") ?? 1000)
    case "search": try SearchBenchmark.run(photos: Int(arguments.dropFirst().first ?? "") ?? 100_000)
    case "ingest": try IngestBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "people": try PeopleBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "speech": try SpeechBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "encoder": try EncoderBenchmark.run()
    case "web": try WebBenchmark.run(photos: Int(arguments.dropFirst().first ?? "") ?? 10_000)
    case "similar":
        try SimilarBenchmark.run(photos: Int(arguments.dropFirst().first ?? "") ?? 100_000)
        try EmbeddingCostBenchmark.run(models: URL(fileURLWithPath: "models"))
    case "duplicates": try DuplicatesBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "all":
        try RPCBenchmark.run()
        try UploadBenchmark.run(count: 1000)
        try SearchBenchmark.run(photos: 100_000)
        try IngestBenchmark.run(arguments: [])
        try WebBenchmark.run(photos: 10_000)
    default:
        throw BenchError(
            "unknown benchmark \(arguments[0]); use all, rpc, upload, search, ingest, speech, encoder, web, similar or duplicates"
        )
    }
} catch {
    FileHandle.standardError.write(Data("gaillery-bench: \(error)\n".utf8))
    exit(1)
}
