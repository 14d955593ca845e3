import Foundation
import Testing

@testable import GailleryWeb

/// `POST /rpc` answers a busy daemon (-32003) with 503 and `Retry-After`, and everything else as before.
@Suite struct RPCBusyTests {
    @Test(
        arguments: [
            // The ingest queue's answer as the router writes it: 500 ms rounds up to one second.
            (
                #"{"jsonrpc":"2.0","id":7,"error":{"code":-32003,"message":"photos.upload: the ingest queue is full","#
                    + #""data":{"retry_after_ms":500,"queue_depth":10000}}}"#, 1
            ),
            (#"{"jsonrpc":"2.0","id":1,"error":{"code":-32003,"message":"busy","data":{"retry_after_ms":2001}}}"#, 3),
            // No hint: one second.
            (#"{"jsonrpc":"2.0","id":1,"error":{"code":-32003,"message":"busy"}}"#, 1),
        ] as [(String, Int)])
    func busyBecomes503(reply: String, seconds: Int) {
        #expect(RPCRoute.busyRetryAfter(Data(reply.utf8)) == seconds)
    }

    @Test(
        arguments: [
            #"{"jsonrpc":"2.0","id":1,"result":{"id":32003,"sha256":"-32003","duplicate":false,"status":"queued"}}"#,
            #"{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"no photo -32003"}}"#,
            #"{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"internal","data":{"code":-32003}}}"#,
            // A batch keeps 200: its other replies may have succeeded.
            #"[{"jsonrpc":"2.0","id":1,"error":{"code":-32003,"message":"busy"}},{"jsonrpc":"2.0","id":2,"result":1}]"#,
            "not json -32003",
        ])
    func otherRepliesStay200(reply: String) {
        #expect(RPCRoute.busyRetryAfter(Data(reply.utf8)) == nil)
    }
}
