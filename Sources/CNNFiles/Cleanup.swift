import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What to undo if the process is interrupted: temporary files and directories to remove and
/// child process groups to end.
///
/// `installSignalHandlers()` turns SIGINT, SIGTERM and SIGHUP into: end every registered child
/// process group (SIGTERM, then SIGKILL after a grace period), remove every registered path,
/// then die of the same signal. The handler runs on a dispatch queue, not in signal context, so
/// it may take locks and call Foundation.
public final class Cleanup: @unchecked Sendable {
    /// The process-wide registry.
    public static let shared = Cleanup()

    private let lock = NSLock()
    private var paths: Set<String> = []
    private var children: Set<pid_t> = []
    private var sources: [DispatchSourceSignal] = []
    private var terminating = false

    /// Registers a temporary file or directory to remove on interruption.
    public func add(path: String) { locked { _ = paths.insert(path) } }

    /// Forgets `path` (it was removed or renamed into place).
    public func remove(path: String) { locked { _ = paths.remove(path) } }

    /// Runs `spawn` (which starts a child that leads its own process group and returns its pid)
    /// with the registry locked, so an interruption either happens before the child exists or ends it.
    public func spawnChild(_ spawn: () throws -> pid_t) rethrows -> pid_t {
        lock.lock()
        defer { lock.unlock() }
        let pid = try spawn()
        children.insert(pid)
        return pid
    }

    /// Forgets a child that has exited.
    public func childExited(_ pid: pid_t) { locked { _ = children.remove(pid) } }

    /// Ends the process group of `pid`: SIGTERM, then SIGKILL if it is still there after `grace` seconds.
    public static func endProcessGroup(_ pid: pid_t, grace: Double = 2) {
        endProcessGroups([pid], grace: grace)
    }

    /// Sends `sig` to the process group led by `pid`, or to `pid` alone when it leads none.
    static func signalGroup(_ pid: pid_t, _ sig: Int32) { if kill(-pid, sig) != 0 { kill(pid, sig) } }

    /// Ends the process groups led by `pids` (or the processes alone, for a child that does not lead a group).
    static func endProcessGroups(_ pids: some Collection<pid_t>, grace: Double) {
        // Foundation's Process starts each child as the leader of a new group; if it ever does
        // not, kill(-pid) fails with ESRCH and the child itself is signalled.
        func alive(_ pid: pid_t) -> Bool { kill(-pid, 0) == 0 || kill(pid, 0) == 0 }
        let targets = pids.filter { $0 > 0 }
        for pid in targets { signalGroup(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(grace)
        while targets.contains(where: alive) && Date() < deadline { usleep(20_000) }
        for pid in targets { signalGroup(pid, SIGKILL) }
    }

    /// Installs the handlers for SIGINT, SIGTERM and SIGHUP (once per process).
    public func installSignalHandlers() {
        locked {
            guard sources.isEmpty else { return }
            for sig in [SIGINT, SIGTERM, SIGHUP] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: DispatchQueue.global())
                source.setEventHandler { [unowned self] in self.interrupted(by: sig) }
                source.resume()
                sources.append(source)
            }
        }
    }

    private func interrupted(by sig: Int32) {
        lock.lock()
        guard !terminating else {
            lock.unlock()
            return
        }
        terminating = true
        let groups = children
        let leftovers = paths
        // Held until exit: nothing new is spawned or registered meanwhile.
        Self.endProcessGroups(groups, grace: 2)
        for path in leftovers { try? FileManager.default.removeItem(atPath: path) }
        // Die of the same signal, as if there were no handler (the shell then sees 128 + sig).
        // Dispatch's worker threads block signals: unblock it here and send it to this thread.
        signal(sig, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, sig)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(sig)
        // Not reached.
        exit(128 + sig)
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
