import Foundation
import GailleryClassifier
import GailleryVision
import Testing

/// Paths, the shared runtime and classifiers, and the real photographs the tests use.
///
/// Photos: Debian python3-skimage's sample data, located by `models/photos` (which unpacks the .deb
/// when the package is not installed). Licences per skimage.data: chelsea.png and coffee.png CC0,
/// astronaut.png and rocket.jpg public domain, motorcycle_left.png from the Middlebury 2014 stereo set.
/// Models, runtime and the Python reference come from `make models` (models/prepare).
enum Fixtures {
    /// Why a fixture is unavailable, with what to run.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The models compared in every parity test.
    static let modelIDs = ["mobilenet-v2", "efficientnet-lite0"]

    /// The repository root, found from this file's path (symlinks resolved, for scratch packages).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `models/`.
    static let modelsDirectory = repositoryRoot.appendingPathComponent("models")

    /// The photos and the ImageNet classes that are a right answer for each (verify.py's list).
    static let expected: [(photo: String, classes: Set<Int>)] = [
        ("chelsea.png", [281, 282, 285]),  // tabby, tiger cat, Egyptian cat
        ("coffee.png", [967, 968, 504]),  // espresso, cup, coffee mug
        ("motorcycle_left.png", [665, 670]),  // moped, motor scooter (ImageNet has no motorcycle)
        ("rocket.jpg", [657, 744, 812]),  // missile, projectile, space shuttle
    ]

    /// Every photo the parity tests compare (astronaut.png has no fitting class but is still compared).
    static let parityPhotos = expected.map(\.photo) + ["astronaut.png"]

    /// The runtime from the models directory, the catalog, one classifier per model id, the taxonomy.
    struct Loaded: Sendable {
        var runtime: OnnxRuntime
        var catalog: ModelCatalog
        var classifiers: [String: ImageClassifier]
        var taxonomy: Taxonomy
    }

    private static let loaded: Result<Loaded, ClassifierError> = Result { () throws(ClassifierError) in
        let paths = OnnxRuntime.searchPaths(environment: [:], modelsDirectory: modelsDirectory)
        let runtime = try OnnxRuntime.load(searchPaths: paths)
        let catalog = try ModelCatalog(directory: modelsDirectory)
        var classifiers: [String: ImageClassifier] = [:]
        for id in modelIDs {
            classifiers[id] = try ImageClassifier(
                manifest: catalog.manifest(id: id), modelsDirectory: modelsDirectory, runtime: runtime,
                intraOpThreads: 2)
        }
        return Loaded(
            runtime: runtime, catalog: catalog, classifiers: classifiers,
            taxonomy: try Taxonomy.load(modelsDirectory: modelsDirectory))
    }

    /// The shared runtime and classifiers; fails with the loader's message (which says to run `make models`).
    static func load() throws -> Loaded { try loaded.get() }

    /// The classifier for `id`.
    static func classifier(_ id: String) throws -> ImageClassifier {
        try #require(try load().classifiers[id], "no classifier \(id)")
    }

    private static let photos: Result<URL, Unavailable> = Result { () throws(Unavailable) in
        let output = try run(modelsDirectory.appendingPathComponent("photos").path, [])
        let directory = URL(fileURLWithPath: output.trimmingCharacters(in: .whitespacesAndNewlines))
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("chelsea.png").path) else {
            throw Unavailable(description: "models/photos printed \(directory.path), which has no chelsea.png")
        }
        return directory
    }

    /// The skimage sample photo `name`.
    static func photo(_ name: String) throws -> URL { try photos.get().appendingPathComponent(name) }

    /// The bytes of the skimage sample photo `name`.
    static func photoBytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: photo(name))) }

    /// A fresh temporary directory (removed by the caller with `removeItem`).
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gaillery-classifier-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `executable` with `arguments` and returns its standard output.
    /// - Throws: `Unavailable` with its standard error when it cannot start or exits non-zero.
    static func run(_ executable: String, _ arguments: [String]) throws(Unavailable) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw Unavailable(description: "cannot run \(executable): \(error.localizedDescription)")
        }
        // Drain both pipes before waiting so a chatty child cannot block on a full pipe.
        let errorData = Locked<Data>()
        let drain = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        drain.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errorData.waitForValue(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Unavailable(
                description:
                    "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(stderr)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A value set once by one thread and awaited by another.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    /// Stores the value and wakes the waiter.
    func set(_ newValue: Value) {
        condition.lock()
        value = newValue
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until `set` has run, then returns the value.
    func waitForValue() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
