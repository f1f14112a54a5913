import CoreMetrics
import Foundation
import MyOpenIPRPC
import MyOpenIPStore
import MyOpenIPTransport
import Prometheus
import Synchronization

/// The daemon's metrics, in a Prometheus registry of its own (several daemons in one process,
/// as in tests, never mix theirs), through swift-metrics' API. Every label value is bounded:
/// services and methods of the contract, status codes, transports, job names; never an id or a
/// login. What is known only when asked (connections open, the log's size, the outbox, the
/// process) is read at each scrape.
public final class DaemonMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let calls = Mutex<[String: CoreMetrics.Counter]>([:])
    private let latencies = Mutex<[String: CoreMetrics.Timer]>([:])
    private let jobs = Mutex<[String: (CoreMetrics.Counter, CoreMetrics.Timer, CoreMetrics.Counter)]>([:])
    let inFlight: Meter
    let commitDuration: CoreMetrics.Timer
    let commitBatch: Recorder
    /// Monotonic totals copied from other counters at each scrape: what was copied last.
    private let copied = Mutex<[String: Int]>([:])

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        factory.valueHistogramBuckets["myopenip_db_commit_batch_writes"] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        self.registry = registry
        self.factory = factory
        inFlight = Meter(label: "myopenip_calls_in_flight", factory: factory)
        commitDuration = CoreMetrics.Timer(label: "myopenip_db_commit_duration_seconds", factory: factory)
        commitBatch = Recorder(label: "myopenip_db_commit_batch_writes", aggregate: true, factory: factory)
    }

    /// A call ended with `code` after `duration`.
    func call(_ method: MethodDescriptor, code: StatusCode, duration: Duration) {
        let key = "\(method.service)/\(method.method)/\(code.rawValue)"
        let counter = calls.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = CoreMetrics.Counter(
                label: "myopenip_calls_total",
                dimensions: [("service", method.service), ("method", method.method), ("code", "\(code)")],
                factory: factory)
            counters[key] = counter
            return counter
        }
        counter.increment()
        let timer = latencies.withLock { timers in
            let key = "\(method.service)/\(method.method)"
            if let timer = timers[key] { return timer }
            let timer = CoreMetrics.Timer(
                label: "myopenip_call_duration_seconds", dimensions: [("service", method.service), ("method", method.method)],
                factory: factory)
            timers[key] = timer
            return timer
        }
        timer.recordNanoseconds(Self.nanoseconds(duration))
    }

    /// A batch of `writes` was committed in `duration`.
    func committed(writes: Int, duration: Duration) {
        commitDuration.recordNanoseconds(Self.nanoseconds(duration))
        commitBatch.record(writes)
    }

    /// Runs one turn of the background job `name`, counted and timed (failures apart).
    public func job<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let (runs, durations, failures) = jobs.withLock { jobs in
            if let job = jobs[name] { return job }
            let job = (
                CoreMetrics.Counter(label: "myopenip_job_runs_total", dimensions: [("job", name)], factory: factory),
                CoreMetrics.Timer(label: "myopenip_job_duration_seconds", dimensions: [("job", name)], factory: factory),
                CoreMetrics.Counter(label: "myopenip_job_failures_total", dimensions: [("job", name)], factory: factory)
            )
            jobs[name] = job
            return job
        }
        let started = ContinuousClock.now
        defer {
            runs.increment()
            durations.recordNanoseconds(Self.nanoseconds(ContinuousClock.now - started))
        }
        do {
            return try await body()
        } catch {
            failures.increment()
            throw error
        }
    }

    /// The text of a scrape: the registry, after the values read now.
    func scrape(counters: TransportCounters?, store: Store) async -> [UInt8] {
        if let counters {
            gauge("myopenip_connections_open", [("transport", "unix")], Double(counters.unixOpen.load(ordering: .relaxed)))
            gauge("myopenip_connections_open", [("transport", "tcp")], Double(counters.tcpOpen.load(ordering: .relaxed)))
            total("myopenip_connections_accepted_total", [("transport", "unix")], counters.unixAccepted.load(ordering: .relaxed))
            total("myopenip_connections_accepted_total", [("transport", "tcp")], counters.tcpAccepted.load(ordering: .relaxed))
            total(
                "myopenip_connections_refused_total", [("reason", "too_many")], counters.refusedByLimit.load(ordering: .relaxed))
            total("myopenip_received_bytes_total", [], counters.bytesIn.load(ordering: .relaxed))
            total("myopenip_sent_bytes_total", [], counters.bytesOut.load(ordering: .relaxed))
        }
        if let path = store.path {
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            gauge("myopenip_db_wal_bytes", [], Double(wal))
            let database = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            gauge("myopenip_db_bytes", [], Double(database))
        }
        if let outbox = try? await store.reads.readPage({ db in try MailOutboxCounts.read(db) }) {
            gauge("myopenip_mail_outbox_depth", [], Double(outbox.pending))
            gauge("myopenip_mail_failed", [], Double(outbox.failed))
        }
        gauge("myopenip_idempotency_keys", [], Double(store.idempotencyKeys.count))
        let process = ProcessFigures.now()
        gauge("process_resident_memory_bytes", [], Double(process.residentBytes))
        gauge("process_open_fds", [], Double(process.openDescriptors))
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    private func gauge(_ label: String, _ dimensions: [(String, String)], _ value: Double) {
        Gauge(label: label, dimensions: dimensions, factory: factory).record(value)
    }

    /// Brings the Prometheus counter `label` up to `value`, a total kept elsewhere.
    private func total(_ label: String, _ dimensions: [(String, String)], _ value: Int) {
        let key = label + dimensions.map { "/\($0.0)=\($0.1)" }.joined()
        let delta = copied.withLock { copied -> Int in
            let delta = value - (copied[key] ?? 0)
            if delta > 0 { copied[key] = value }
            return delta
        }
        let counter = CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
        if delta > 0 { counter.increment(by: delta) } else { counter.increment(by: 0) }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}

extension Optional where Wrapped == DaemonMetrics {
    /// One turn of a background job, counted and timed when the daemon has metrics.
    func job(_ name: String, _ body: () async -> Void) async {
        guard let metrics = self else { return await body() }
        await metrics.job(name, body)
    }
}
