// The server's users (the daemon, the tests, the benchmarks) also talk to sockets as clients and find
// the socket's default path; GailleryClient holds those, so that the CLI links them without NIO.
@_exported import GailleryClient
