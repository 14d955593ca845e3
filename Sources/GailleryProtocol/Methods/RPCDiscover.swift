/// `rpc.discover`: returns this daemon's OpenRPC 1.3 document (the contents of `rpc-schema/openrpc.json`).
public enum RPCDiscover: RPCMethod {
    public static let method = "rpc.discover"
    public typealias Params = NoParams
    public typealias Result = JSONValue
}
