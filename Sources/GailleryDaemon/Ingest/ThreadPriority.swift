#if canImport(Glibc)
    import Glibc
#endif

/// Lowers the calling thread's scheduling priority: the ingest pipeline's threads run below the threads
/// that answer clients, so a large import slows uploads, searches and voice commands less.
///
/// On Linux the nice value belongs to the thread (`setpriority(PRIO_PROCESS, 0, …)` changes the
/// calling thread only), and threads created afterwards inherit it.
enum ThreadPriority {
    /// Adds `nice` (0...19) to the calling thread's nice value; 0 leaves it as it is. An unprivileged
    /// thread can always lower its own priority, so this does not fail in practice; if it does, the
    /// thread just keeps its priority.
    static func lowerCurrentThread(by nice: Int32) {
        guard nice > 0 else { return }
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)
        guard errno == 0 else { return }
        _ = setpriority(which, 0, min(19, current + nice))
    }
}
