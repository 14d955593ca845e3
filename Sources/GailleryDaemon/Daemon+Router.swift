import GailleryProtocol
import GailleryRPC

extension Daemon {
    /// The method table: every method in `AllMethods`, each handled in its domain's `Daemon+*.swift` file.
    func makeRouter() -> RPCRouter {
        var router = RPCRouter(logger: logger)
        router.parameterLimits.set(
            PhotosUpload.method, "data", bytes: ParameterLimits.base64Length(of: configuration.maxUploadBytes))
        router.mapError = { [dataDirectoryPath] error, method in
            Wire.storageFull(error, method: method, dataDirectory: dataDirectoryPath)
        }
        _ = try? OpenRPCDocument.encoded()  // encoded now, not on an event loop at the first call
        router.registerImmediate(RPCDiscover.self, encoded: { _, _ in try OpenRPCDocument.encoded() })
        router.registerImmediate(DaemonStatus.self, encoded: { [self] _, _ in EncodedJSON(bytes: try statusTemplate.encode(status())) })
        router.registerBlocking(PhotosUpload.self, on: blockingPool) { [self] params, _ in try upload(params) }
        router.register(PhotosImport.self) { [self] params, _ in try await startImport(params) }
        router.register(JobsList.self) { [self] params, _ in try await listJobs(params) }
        router.register(JobsCancel.self) { [self] params, _ in try await cancelJob(params) }
        router.registerBlocking(PhotosGet.self, on: blockingPool) { [self] params, _ in try get(params) }
        router.registerBlocking(PhotosList.self, on: blockingPool, encoded: { [self] params, _ in try list(params) })
        router.register(PhotosDelete.self) { [self] params, _ in try await delete(params) }
        router.register(PhotosRestore.self) { [self] params, _ in try await restore(params) }
        router.register(TrashList.self) { [self] params, _ in try await trashList(params) }
        router.register(TrashEmpty.self) { [self] _, _ in try await emptyTrash() }
        router.registerBlocking(
            PhotosSearch.self, on: blockingPool, fromMemory: { [self] params, _ in try searchFromMemory(params) }
        ) { [self] params, _ in try search(params) }
        router.register(PhotosTag.self) { [self] params, _ in try await tag(params) }
        router.registerBlocking(TagsList.self, on: blockingPool) { [self] params, _ in try tagsList(params) }
        router.register(PhotosReclassify.self) { [self] params, _ in try await reclassify(params) }
        router.register(PhotosWait.self) { [self] params, _ in try await wait(params) }
        router.register(EventsSubscribe.self) { [self] params, connection in try subscribe(params, connection) }
        router.register(EventsUnsubscribe.self) { [self] _, connection in
            EventsUnsubscribe.Result(wasSubscribed: events.unsubscribe(connection))
        }
        router.register(VoiceCommand.self) { [self] params, connection in try await voiceCommand(params, connection) }
        router.register(VoiceListen.self) { [self] params, connection in try await voiceListen(params, connection) }
        router.register(VoiceRecord.self) { [self] params, _ in try await voiceRecord(params) }
        router.register(VoicePrompts.self) { [self] _, _ in voicePrompts() }
        router.register(VoiceEnroll.self) { [self] params, _ in try await voiceEnroll(params) }
        router.register(VoiceForget.self) { [self] _, _ in try await voiceForget() }
        router.register(AssistantCommand.self) { [self] params, connection in
            try await assistantCommand(params, connection)
        }
        return router
    }
}
