import CSDBus
import Foundation

/// A failed sd-bus call: what was being done and sd-bus's errno text.
struct DBusError: Error, CustomStringConvertible {
    let description: String

    init(_ what: String, _ status: Int32) {
        description = "\(what): \(String(cString: csdbus_strerror(status)))"
    }
}

/// Throws `DBusError` for a negative sd-bus status.
@discardableResult
func dbusCheck(_ status: Int32, _ what: @autoclosure () -> String) throws -> Int32 {
    if status < 0 { throw DBusError(what(), status) }
    return status
}

/// Answers one method call: reads its arguments and writes its reply.
protocol DBusMethodHandler: AnyObject {
    /// Handles `interface.member`, reading from `call` and appending the out arguments to `reply`.
    ///
    /// - Throws: anything, which becomes an `org.freedesktop.DBus.Error.Failed` reply with its description.
    func handle(interface: String, member: String, call: DBusCall, reply: DBusReply) throws
}

/// The bus connection exporting both objects. It and every message belong to the thread that calls `run`:
/// sd-bus handles are not thread-safe, so the one loop reads, dispatches and replies.
final class DBusService {
    /// The D-Bus name both objects are exported under.
    static let busName = "io.github.gaillery.SearchProvider"
    /// The GNOME Shell search provider's object.
    static let gnomePath = "/io/github/gaillery/SearchProvider"
    /// The KRunner runner's object.
    static let krunnerPath = "/io/github/gaillery/KRunner"

    private var service: OpaquePointer?
    private let handler: any DBusMethodHandler
    private let log: (String) -> Void
    /// When the last method call arrived, for the idle exit.
    private var lastCall = Date()

    /// Connects to the session bus, exports both objects and takes the bus name.
    ///
    /// - Throws: `DBusError` when there is no session bus or the name is taken.
    init(handler: any DBusMethodHandler, log: @escaping (String) -> Void) throws {
        self.handler = handler
        self.log = log
        var opened: OpaquePointer?
        let context = Unmanaged.passUnretained(self).toOpaque()
        try dbusCheck(
            csdbus_service_open(Self.busName, Self.gnomePath, Self.krunnerPath, dispatchCall, context, &opened),
            "cannot serve \(Self.busName) on the session bus (is DBUS_SESSION_BUS_ADDRESS set, or is another "
                + "gaillery-search-provider running?)")
        service = opened
    }

    deinit {
        csdbus_service_free(service)
    }

    /// Serves calls until none has arrived for `idleTimeout` seconds, or the bus goes away.
    ///
    /// - Throws: `DBusError` when the connection to the bus fails.
    func run(idleTimeout: Double) throws {
        while true {
            let idle = Date().timeIntervalSince(lastCall)
            if idle >= idleTimeout { return }
            let wait = UInt64(max(0.001, idleTimeout - idle) * 1_000_000)
            let status = csdbus_service_step(service, wait)
            // The session ending closes the bus: nothing is left to serve, which is no failure.
            if status == -ECONNRESET || status == -ENOTCONN {
                log("the session bus closed, exiting")
                return
            }
            try dbusCheck(status, "the session bus connection failed")
        }
    }

    /// Called by the C trampoline for each method call.
    fileprivate func dispatch(_ call: OpaquePointer, interface: String, member: String) -> Int32 {
        lastCall = Date()
        guard let reply = csdbus_reply_new(call) else { return -ENOMEM }
        do {
            try handler.handle(
                interface: interface, member: member, call: DBusCall(message: call), reply: DBusReply(message: reply))
            return csdbus_reply_send(reply)
        } catch {
            csdbus_reply_free(reply)
            log("\(interface).\(member) failed: \(error)")
            return csdbus_reply_error(call, "org.freedesktop.DBus.Error.Failed", "\(member): \(error)")
        }
    }
}

/// The C callback: finds the service behind the context pointer and hands it the call.
private func dispatchCall(
    _ call: OpaquePointer?, _ context: UnsafeMutableRawPointer?, _ interface: UnsafePointer<CChar>?,
    _ member: UnsafePointer<CChar>?
) -> Int32 {
    guard let call, let context else { return -EINVAL }
    let service = Unmanaged<DBusService>.fromOpaque(context).takeUnretainedValue()
    return service.dispatch(
        call, interface: interface.map { String(cString: $0) } ?? "", member: member.map { String(cString: $0) } ?? "")
}

/// Reads a call's in arguments, in order.
struct DBusCall {
    let message: OpaquePointer

    /// The next `s`.
    func string() throws -> String {
        var value: UnsafePointer<CChar>?
        try dbusCheck(csdbus_read_string(message, &value), "reading a string argument")
        return value.map { String(cString: $0) } ?? ""
    }

    /// The next `u`.
    func uint32() throws -> UInt32 {
        var value: UInt32 = 0
        try dbusCheck(csdbus_read_uint32(message, &value), "reading a uint32 argument")
        return value
    }

    /// The next `as`.
    func strings() throws -> [String] {
        var strv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        try dbusCheck(csdbus_read_strv(message, &strv), "reading a string array argument")
        defer { csdbus_strv_free(strv) }
        var values: [String] = []
        var index = 0
        while let item = strv?[index] {
            values.append(String(cString: item))
            index += 1
        }
        return values
    }
}

/// Appends a reply's out arguments. Containers are written through `container(_:_:body:)` so that every
/// open has its close.
struct DBusReply {
    let message: OpaquePointer

    /// Writes a container of `type` ('a', 'r', 'e', 'v') whose signature is `contents`, filled by `body`.
    func container(_ type: Character, _ contents: String, body: () throws -> Void) throws {
        let code = CChar(truncatingIfNeeded: type.asciiValue ?? 0)
        try dbusCheck(csdbus_open(message, code, contents), "opening \(type)\(contents)")
        try body()
        try dbusCheck(csdbus_close(message), "closing \(type)\(contents)")
    }

    /// An `s`; NUL characters, which D-Bus strings cannot hold, are dropped.
    func string(_ value: String) throws {
        try dbusCheck(csdbus_append_string(message, value.replacingOccurrences(of: "\0", with: "")), "appending s")
    }

    /// An `i`.
    func int32(_ value: Int32) throws { try dbusCheck(csdbus_append_int32(message, value), "appending i") }

    /// A `d`.
    func double(_ value: Double) throws { try dbusCheck(csdbus_append_double(message, value), "appending d") }

    /// A `b`.
    func bool(_ value: Bool) throws { try dbusCheck(csdbus_append_bool(message, value ? 1 : 0), "appending b") }

    /// An `ay`.
    func bytes(_ value: [UInt8]) throws {
        try value.withUnsafeBytes { raw in
            _ = try dbusCheck(csdbus_append_bytes(message, raw.baseAddress, raw.count), "appending ay")
        }
    }

    /// An `as`.
    func strings(_ values: [String]) throws {
        try container("a", "s") {
            for value in values { try string(value) }
        }
    }

    /// One `{sv}` entry of an `a{sv}` whose variant holds an `s`.
    func entry(_ key: String, string value: String) throws {
        try container("e", "sv") {
            try string(key)
            try container("v", "s") { try string(value) }
        }
    }

    /// One `{sv}` entry whose variant holds an `as`.
    func entry(_ key: String, strings values: [String]) throws {
        try container("e", "sv") {
            try string(key)
            try container("v", "as") { try strings(values) }
        }
    }

    /// One `{sv}` entry whose variant has the signature `signature`, written by `body`.
    func entry(_ key: String, signature: String, body: () throws -> Void) throws {
        try container("e", "sv") {
            try string(key)
            try container("v", signature, body: body)
        }
    }
}
