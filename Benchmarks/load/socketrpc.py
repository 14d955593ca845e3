"""A small NDJSON JSON-RPC 2.0 client for gailleryd's Unix socket: one JSON object per line each way.

Plain blocking sockets, so it serves both the driver (threads) and Locust (gevent patches `socket`)."""

import json
import socket


class RPCError(Exception):
    """An error the daemon answered with (`code`, `message`, `data` as on the wire)."""

    def __init__(self, method, error):
        super().__init__(f"{method}: {error.get('message')} ({error.get('code')})")
        self.code = error.get("code")
        self.data = error.get("data") or {}


class SocketClient:
    """One connection; `call` sends a request and returns its result, passing notifications to `on_note`."""

    def __init__(self, path, timeout=60.0, on_note=None):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buffer = b""
        self.next_id = 1
        self.on_note = on_note

    def send(self, method, params=None):
        """Sends one request and returns its id (the reply is read by `read_reply`)."""
        request_id = self.next_id
        self.next_id += 1
        line = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params or {}})
        self.sock.sendall(line.encode() + b"\n")
        return request_id

    def read_line(self):
        """The next message; raises ConnectionError when the daemon closed the connection."""
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(262144)
            if not chunk:
                raise ConnectionError("gailleryd closed the connection")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line), len(line)

    def read_reply(self, method, request_id):
        """The reply to `request_id` and its size in bytes; raises RPCError for an error reply."""
        while True:
            message, size = self.read_line()
            if message.get("id") == request_id:
                if "error" in message:
                    raise RPCError(method, message["error"])
                return message["result"], size
            if message.get("method") == "event" and self.on_note:
                self.on_note(message["params"])

    def call(self, method, params=None):
        """Calls `method` and returns its result."""
        return self.read_reply(method, self.send(method, params))[0]

    def close(self):
        self.sock.close()


def call(path, method, params=None, timeout=60.0):
    """One request on a fresh connection."""
    client = SocketClient(path, timeout)
    try:
        return client.call(method, params)
    finally:
        client.close()
