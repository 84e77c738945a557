import Prometheus
import Synchronization

/// The series a node exposes at `GET /metrics`, in Prometheus text format. One instance per node
/// (no process-wide registry, so tests can run several nodes in one process). Labels never carry
/// a tenant, a lot or a partner: routes are templates, peers are node IDs.
public final class NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    /// Request, trace and peer-call latency buckets: 0.5 ms to 10 s.
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10),
    ]
    /// The request series by method, route and status. The registry finds a series by name and
    /// labels itself (a rare series is asked of it each time); this spares the per-request path
    /// its name and label checks.
    private let requests = Mutex<[String: (Counter, DurationHistogram)]>([:])
    let inFlight: Gauge
    let traceDuration: DurationHistogram
    let ledgerEvents: Gauge
    let ledgerSize: Gauge
    let readersInUse: Gauge
    let readers: Gauge
    let writesWaiting: Gauge
    let writesInBatch: Gauge

    public init() {
        inFlight = registry.makeGauge(name: "ctn_http_requests_in_flight", labels: [], help: "Requests being answered now.")
        traceDuration = registry.makeDurationHistogram(
            name: "ctn_trace_duration_seconds", labels: [], buckets: Self.buckets, help: "Supply-chain traces, start to answer.")
        ledgerEvents = registry.makeGauge(name: "ctn_ledger_events", labels: [], help: "Events in the node's ledger (its log size).")
        ledgerSize = registry.makeGauge(
            name: "ctn_ledger_signed_size", labels: [], help: "Size of the latest signed tree head of the node's log.")
        readersInUse = registry.makeGauge(name: "ctn_db_readers_in_use", labels: [], help: "Database read connections in use.")
        readers = registry.makeGauge(name: "ctn_db_readers", labels: [], help: "Database read connections in the pool.")
        writesWaiting = registry.makeGauge(name: "ctn_db_writes_waiting", labels: [], help: "Writes queued for the single writer.")
        writesInBatch = registry.makeGauge(
            name: "ctn_db_writer_busy", labels: [], help: "1 while the writer is committing a batch, else 0.")
    }

    /// One answered request: `route` is the matched template (`/v1/lots/{lotId}`), or `unmatched`.
    public func request(method: String, route: String, status: Int, duration: Duration) {
        let key = "\(method) \(route) \(status)"
        let found = requests.withLock { $0[key] }
        let (count, latency): (Counter, DurationHistogram)
        if let found {
            (count, latency) = found
        } else {
            count = registry.makeCounter(
                name: "ctn_http_requests_total", labels: [("method", method), ("route", route), ("status", String(status))],
                help: "Requests answered, by method, route template and status.")
            latency = registry.makeDurationHistogram(
                name: "ctn_http_request_duration_seconds", labels: [("method", method), ("route", route)], buckets: Self.buckets,
                help: "Time to answer a request, by method and route template.")
            requests.withLock { $0[key] = (count, latency) }
        }
        count.increment()
        latency.record(duration)
    }

    public func requestStarted() { inFlight.increment() }
    public func requestEnded() { inFlight.decrement() }

    /// A trace this node walked for a caller: `outcome` is `complete`, `partial` (some upstream
    /// node did not answer) or `failed`.
    public func trace(duration: Duration, outcome: String) {
        traceDuration.record(duration)
        registry.makeCounter(name: "ctn_traces_total", labels: [("outcome", outcome)], help: "Traces walked, by outcome.").increment()
    }

    /// A call to a peer node; `failure` names what went wrong (`status`, `transport`, `deadline`), nil for a 2xx answer.
    public func peerCall(peer: String, duration: Duration, failure: String?) {
        registry.makeDurationHistogram(
            name: "ctn_peer_call_duration_seconds", labels: [("peer", peer)], buckets: Self.buckets,
            help: "Calls to peer nodes (retries included), by peer node ID."
        ).record(duration)
        if let failure {
            registry.makeCounter(
                name: "ctn_peer_call_errors_total", labels: [("peer", peer), ("kind", failure)],
                help: "Calls to peer nodes that failed, by peer node ID and kind."
            ).increment()
        }
    }

    /// A request refused to keep tenants fair: `kind` is `rate` or `concurrency`.
    public func throttled(kind: String) {
        registry.makeCounter(
            name: "ctn_throttled_total", labels: [("kind", kind)], help: "Requests answered 429 by the per-tenant limits, by limit."
        ).increment()
    }

    /// The store's state, read when the series are scraped.
    public func store(
        ledgerEvents events: Int64, signedSize: Int64, readersInUse inUse: Int, readers pool: Int, writesWaiting waiting: Int,
        writerBusy: Bool
    ) {
        ledgerEvents.set(to: Double(events))
        ledgerSize.set(to: Double(signedSize))
        readersInUse.set(to: Double(inUse))
        readers.set(to: Double(pool))
        writesWaiting.set(to: Double(waiting))
        writesInBatch.set(to: writerBusy ? 1 : 0)
    }

    /// Every series in Prometheus text format (version 0.0.4).
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
