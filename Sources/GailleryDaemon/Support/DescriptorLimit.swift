#if canImport(Glibc)
    import Glibc
#endif

/// The process's limit on open file descriptors: every client connection holds one, as do the index,
/// its log and each file being stored, and the soft limit is often 1024 where the hard one is far
/// higher.
package enum DescriptorLimit {
    /// Raises the soft limit to the hard one (as any process may); returns the soft limit before and
    /// after, or nil when the limits can't be read or changed.
    package static func raiseToHardLimit() -> (before: UInt64, after: UInt64)? {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return nil }
        let before = UInt64(limit.rlim_cur)
        guard limit.rlim_cur < limit.rlim_max else { return (before, before) }
        limit.rlim_cur = limit.rlim_max
        guard setrlimit(resource, &limit) == 0 else { return nil }
        return (before, UInt64(limit.rlim_cur))
    }
}
