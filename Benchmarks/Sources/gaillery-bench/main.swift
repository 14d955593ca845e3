// gaillery-bench: benchmarks that run the real daemon beside a baseline in the same invocation.
// Usage: gaillery-bench all | rpc | upload | search | ingest | speech | echo-server --socket PATH --threads N
// See Benchmarks/README.md for the commands and the latest figures.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first ?? "all" {
    case "echo-server":
        guard arguments.count == 5, arguments[1] == "--socket", arguments[3] == "--threads", let threads = Int(arguments[4])
        else { throw BenchError("usage: echo-server --socket PATH --threads N") }
        try EchoServer.run(socketPath: arguments[2], threads: threads)
    case "probe": try await Probe.run(directory: arguments[1])
    case "rpc": try RPCBenchmark.run()
    case "upload": try UploadBenchmark.run(count: Int(arguments.dropFirst().first ?? "") ?? 1000)
    case "search": try SearchBenchmark.run(photos: Int(arguments.dropFirst().first ?? "") ?? 100_000)
    case "ingest": try IngestBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "speech": try SpeechBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "all":
        try RPCBenchmark.run()
        try UploadBenchmark.run(count: 1000)
        try SearchBenchmark.run(photos: 100_000)
        try IngestBenchmark.run(arguments: [])
    default:
        throw BenchError("unknown benchmark \(arguments[0]); use all, rpc, upload, search, ingest or speech")
    }
} catch {
    FileHandle.standardError.write(Data("gaillery-bench: \(error)\n".utf8))
    exit(1)
}
