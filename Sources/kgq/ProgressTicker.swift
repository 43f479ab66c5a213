import Foundation
import Synchronization

/// A line on stderr while long work runs (DuckDB shows a bar): after a second, `label… 2.4 s`
/// is rewritten every fifth of a second, and erased when the work ends. Only when stderr is a
/// terminal and neither `--no-progress`, `KGQ_PROGRESS=0` nor the config's `progress = false`
/// turned it off — scripts and pipes never see it. The work's own output comes after `stop()`.
final class ProgressTicker: Sendable {
    private let label: String
    private let stopped = Atomic<Bool>(false)
    private let shown = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    /// Whether tickers may draw at all in this process.
    static let enabled: Bool = {
        let env = ProcessInfo.processInfo.environment
        guard isatty(STDERR_FILENO) == 1, env["TERM"] != "dumb", env["KGQ_PROGRESS"] != "0" else { return false }
        return (try? KGQConfig.load(environment: env))?.boolean("progress") != false
    }()

    /// Starts a ticker (nil when progress is off); `stop()` it when the work ends.
    static func start(_ label: String, enabled: Bool = ProgressTicker.enabled) -> ProgressTicker? {
        guard enabled else { return nil }
        let t = ProgressTicker(label: label)
        Thread.detachNewThread { t.run() }
        return t
    }

    private init(label: String) { self.label = label }

    private func run() {
        let start = ContinuousClock.now
        let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
        var i = 0
        while !stopped.load(ordering: .acquiring) {
            usleep(100_000)
            let elapsed = ContinuousClock.now - start
            guard elapsed >= .seconds(1), !stopped.load(ordering: .acquiring) else { continue }
            i += 1
            guard i % 2 == 0 else { continue }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let line = "\r\u{1B}[K\(frames[(i / 2) % frames.count]) \(label)… " + String(format: "%.1f s", seconds)
            FileHandle.standardError.write(Data(line.utf8))
            shown.store(true, ordering: .releasing)
        }
        if shown.load(ordering: .acquiring) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        done.signal()
    }

    /// Ends the ticker and erases its line; returns once it is gone.
    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        done.wait()
    }
}
