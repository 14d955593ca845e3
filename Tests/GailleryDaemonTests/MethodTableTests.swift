import Foundation
import GailleryProtocol
import Logging
import Testing

@testable import GailleryDaemon

/// The router serves exactly the methods the OpenRPC document lists: a method is declared by its wire
/// type, its entry in the document and its handler's registration, and this test keeps the last two in step.
@Suite struct MethodTableTests {
    @Test func theRouterServesExactlyTheDocumentedMethods() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("methods-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var configuration = DaemonConfiguration(
            listener: .path(root.path + "/rpc.sock"), dataDirectory: root.appendingPathComponent("data"))
        configuration.modelsDirectory = nil
        let daemon = try Daemon(configuration: configuration, logger: Logger(label: "test"))
        let served = daemon.makeRouter().methods
        #expect(served == OpenRPCDocument.methodNames.sorted())
    }
}
