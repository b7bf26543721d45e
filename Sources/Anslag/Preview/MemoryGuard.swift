import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Holds a preview worker to its memory limit (`--build-memory`).
///
/// The limit is on resident memory, looked at every 10 ms on a thread of its own: past it, the
/// worker says so on standard error and stops itself with SIGKILL, which serve reports as a crash
/// with that line. Address space is capped as well, at the limit plus a gigabyte, so a build that
/// allocates faster than it is looked at still meets a hard bound. A cap on address space alone
/// was the limit before; the allocator (mimalloc) reserves address space in large pieces, so that
/// cap stopped small builds at some limits and not at larger ones, and at others it left the
/// worker without the threads it needed and waiting for them.
public enum MemoryGuard {
    /// The headroom of address space over the limit.
    public static let addressSpaceHeadroom = 1024 * 1024 * 1024

    /// Starts the guard for `megabytes` of resident memory and caps the address space; the
    /// error's text when either cannot be set up.
    public static func start(megabytes: Int) -> String? {
        let limit = megabytes * 1024 * 1024
        #if os(Linux)
        let statm = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard statm >= 0 else { return "cannot read /proc/self/statm: \(String(cString: strerror(errno)))" }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let message = Array("anslag preview-worker: the rebuild used more than \(megabytes) MB of memory (--build-memory); stopped\n".utf8)
        // Started before the address space is capped, so that its own stack is already there.
        let watcher = Thread {
            var buffer = [UInt8](repeating: 0, count: 256)
            while true {
                let count = buffer.withUnsafeMutableBytes { pread(statm, $0.baseAddress, $0.count, 0) }
                if count > 0, let pages = residentPages(buffer[0..<count]), pages * pageSize > limit {
                    _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
                    kill(getpid(), SIGKILL)
                }
                usleep(10_000)
            }
        }
        watcher.stackSize = 64 * 1024
        watcher.start()
        let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
        #else
        let resource = RLIMIT_AS
        #endif
        let bytes = rlim_t(limit + addressSpaceHeadroom)
        var cap = rlimit(rlim_cur: bytes, rlim_max: bytes)
        guard setrlimit(resource, &cap) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }

    /// The second number of `/proc/self/statm`: resident pages. Nil when the text is not as expected.
    static func residentPages(_ text: ArraySlice<UInt8>) -> Int? {
        var field = 0, value = 0, digits = 0
        for byte in text {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                if field == 1 { return digits > 0 ? value : nil }
                field += 1
                continue
            }
            guard field == 1 else { continue }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 18 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return nil
    }
}
