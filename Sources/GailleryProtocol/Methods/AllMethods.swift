/// Every method the daemon serves, by wire name; the schema test checks it against `openrpc.json`.
public enum AllMethods {
    public static let names: [String] = [
        RPCDiscover.method, DaemonStatus.method,
        PhotosUpload.method, PhotosImport.method, JobsList.method, JobsCancel.method,
        PhotosGet.method, PhotosList.method, PhotosDelete.method, PhotosRestore.method,
        TrashList.method, TrashEmpty.method, PhotosSearch.method, PhotosTag.method, TagsList.method,
        PhotosReclassify.method, PhotosWait.method, EventsSubscribe.method, EventsUnsubscribe.method,
        VoiceCommand.method, VoiceListen.method, VoiceRecord.method, VoicePrompts.method, VoiceEnroll.method,
        VoiceForget.method, AssistantCommand.method,
    ]
}
