import Foundation
import Testing

@testable import GailleryDaemon

/// Where `gailleryd` finds its models: the installed copy beside an installed binary, the source tree's own
/// models for a binary built there (even when an older install exists), the user's data directory last.
@Suite struct ModelsSearchTests {
    /// A temporary directory tree, removed at the end of each test.
    private let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("models-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Creates `relative` (a file; its directories too) under the root.
    private func touch(_ relative: String) throws -> URL {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: url)
        return url
    }

    private func environment() -> [String: String] {
        ["HOME": root.appendingPathComponent("home").path]
    }

    @Test func installedBinaryUsesTheModelsBesideIt() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let binary = try touch("prefix/bin/gailleryd")
        _ = try touch("prefix/share/gaillery/models/taxonomy.json")
        _ = try touch("home/.local/share/gaillery/models/taxonomy.json")
        let search = ModelsSearch(environment: environment(), executable: binary)
        #expect(search.found?.path == root.appendingPathComponent("prefix/share/gaillery/models").path)
    }

    @Test func sourceTreeBinaryPrefersTheTreesModelsOverAnInstall() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try touch("src/Package.swift")
        _ = try touch("src/models/taxonomy.json")
        _ = try touch("home/.local/share/gaillery/models/taxonomy.json")
        let binary = try touch("src/.build/x86_64-unknown-linux-gnu/debug/gailleryd")
        let search = ModelsSearch(environment: environment(), executable: binary)
        #expect(search.found?.path == root.appendingPathComponent("src/models").path)
    }

    @Test func aCopiedBinaryFallsBackToTheUsersDataDirectory() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let binary = try touch("elsewhere/gailleryd")
        _ = try touch("home/.local/share/gaillery/models/taxonomy.json")
        let search = ModelsSearch(environment: environment(), executable: binary)
        #expect(search.found?.path == root.appendingPathComponent("home/.local/share/gaillery/models").path)
    }

    @Test func nothingFoundNamesEveryPlaceLookedAt() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try touch("src/Package.swift")
        let binary = try touch("src/.build/debug/gailleryd")
        let search = ModelsSearch(environment: environment(), executable: binary)
        #expect(search.found == nil)
        #expect(search.notFoundMessage.contains(root.appendingPathComponent("src/models").path))
        #expect(search.notFoundMessage.contains(".local/share/gaillery/models"))
    }
}
