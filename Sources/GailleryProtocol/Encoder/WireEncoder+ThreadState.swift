#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Each thread keeps one `WireEncoderState` in thread-local storage, so a run takes no lock, allocates
/// nothing but its result, and finds the keys and types the thread has seen before.
extension WireEncoderState {
    /// This thread's idle state, or a new one when it has none or is already encoding (a value's
    /// `encode(to:)` may call `WireEncoder` itself). Hand it back with `checkIn()`.
    static func checkOut() -> WireEncoderState {
        if let raw = pthread_getspecific(threadKey) {
            let state = Unmanaged<WireEncoderState>.fromOpaque(raw).takeUnretainedValue()
            if !state.inUse {
                state.inUse = true
                return state
            }
            return WireEncoderState()
        }
        let state = WireEncoderState()
        state.inUse = true
        pthread_setspecific(threadKey, Unmanaged.passRetained(state).toOpaque())
        return state
    }

    /// Ends a run: the state is emptied for the thread's next one.
    func checkIn() {
        reset()
        inUse = false
    }
}

/// The thread-local slot holding each thread's state; its destructor releases the state when the
/// thread exits.
private let threadKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { raw in
        #if canImport(Darwin)
            Unmanaged<WireEncoderState>.fromOpaque(raw).release()
        #else
            if let raw { Unmanaged<WireEncoderState>.fromOpaque(raw).release() }
        #endif
    }
    precondition(status == 0, "pthread_key_create failed (\(status)): the process is out of thread-local keys")
    return key
}()
