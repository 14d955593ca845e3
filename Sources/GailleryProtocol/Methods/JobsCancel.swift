/// `jobs.cancel`: stops a running import. Photos it already stored stay.
public enum JobsCancel: RPCMethod {
    public static let method = "jobs.cancel"

    public struct Params: Codable, Sendable, Equatable {
        public var job: Int64

        public init(job: Int64) { self.job = job }
    }

    /// The job as it is after cancelling.
    public typealias Result = JobInfo
}
