/// `jobs.list`: import jobs, newest first.
public enum JobsList: RPCMethod {
    public static let method = "jobs.list"

    public struct Params: Codable, Sendable, Equatable {
        /// Only jobs in this state (running, done, cancelled, failed).
        public var state: String?
        /// At most this many (default 100, at most 1000).
        public var limit: Int?

        public init(state: String? = nil, limit: Int? = nil) {
            self.state = state
            self.limit = limit
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var jobs: [JobInfo]

        public init(jobs: [JobInfo]) { self.jobs = jobs }
    }
}
