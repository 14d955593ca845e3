import GailleryProtocol
import GailleryRPC

extension Daemon {
    /// The method table. Each handler group registers its own methods (`Handlers/`), so adding a method
    /// touches its wire type, the OpenRPC document and its handler; the router names the method in every
    /// error, refuses work while stopping and maps service errors to wire codes, once, here.
    func makeRouter() -> RPCRouter {
        var router = RPCRouter(logger: logger)
        router.parameterLimits.set(
            PhotosUpload.method, "data", bytes: ParameterLimits.base64Length(of: configuration.maxUploadBytes))
        router.mapError = { [dataDirectoryPath] error, _ in Wire.mapped(error, dataDirectory: dataDirectoryPath) }
        router.isStopping = { [stopping] in stopping.withLockedValue { $0 } }
        _ = try? OpenRPCDocument.encoded()  // encoded now, not on an event loop at the first call
        router.registerImmediate(RPCDiscover.self, encoded: { _, _ in try OpenRPCDocument.encoded() })
        router.registerImmediate(
            DaemonStatus.self,
            encoded: { [self] _, _ in
                EncodedJSON(bytes: try statusTemplate.encode(status()))
            })
        PhotoHandlers(
            store: store, summaries: summaries, queries: queries, everydayTags: everydayTags, events: events,
            pool: blockingPool
        )
        .register(on: &router)
        IngestHandlers(ingest: ingest, pool: blockingPool).register(on: &router)
        EventHandlers(events: events).register(on: &router)
        VoiceHandlers(voice: voice).register(on: &router)
        WebHandlers(
            loginURL: { [web] next in web.withLockedValue { $0 }?.loginURL(next: next) },
            unavailableReason: { [self] in
                httpStatus.map { $0.reason ?? "it is starting" } ?? "gailleryd was started with --http off"
            }
        ).register(on: &router)
        return router
    }
}
