import AemconfState

extension InterruptController {
    /// For short commands: on the first signal, releases `lease`, says so on standard error and exits with
    /// 128 + signal (130 for Ctrl-C); a second signal while releasing exits at once.
    ///
    /// Pair with ``removeCallback(_:)`` once the lease is released normally.
    public func releaseOnFirstSignal(_ lease: any StateLease) -> Registration {
        let lockID = lease.info.id
        return onFirstSignal { [self] number in
            Task {
                try? await lease.release()
                self.writeError(InterruptMessage.releasedLock(signal: number, lockID: lockID))
                self.terminate(128 + number)
            }
        }
    }
}
