import CTNModel
import Crypto
import CurlHTTP
import Dispatch
import Foundation
import Synchronization

/// The one way a node calls other nodes: HTTPS through the system libcurl, each peer's CA pinned,
/// no redirects, no scheme but https, every request signed (RFC 9421) for the acting business.
/// At most `maxParallel` requests are in flight to each peer (a slow peer holds its own permits,
/// not the others'), and each answer is capped at `maxAnswerBytes`; each runs on its own thread with a libcurl handle
/// per peer that stays open between calls (connection reuse). Reads marked idempotent are retried
/// with exponential backoff and jitter on transport errors and 429/502/503/504, never past the
/// caller's deadline; a fresh signature (new nonce and date) is made for every attempt.
public final class PeerClient: Sendable {
    /// Limits of the client: parallel requests, timeouts, retries and backoff.
    public struct Options: Sendable {
        public var maxParallel = 8
        public var connectTimeout: Double = 2
        public var requestTimeout: Double = 10
        public var retries = 2
        public var backoff: Double = 0.05
        /// The largest answer accepted from a peer (a 1,365-lot trace batch is about 1.4 MiB).
        public var maxAnswerBytes = 32 << 20
        public init() {}
    }

    public let nodeId: String
    private let key: Curve25519.Signing.PrivateKey
    private let options: Options
    private let state: Mutex<State>
    private let queue = DispatchQueue(label: "ctn.peer-client", attributes: .concurrent)
    /// Told of every call (retries included): the peer, how long it took, and what failed
    /// (`status`, `transport`, `deadline`, `unknown-peer`) or nil for a 2xx answer.
    public typealias Observer = @Sendable (_ peer: String, _ duration: Duration, _ failure: String?) -> Void
    public let observer: Observer?

    public init(
        nodeId: String, key: Curve25519.Signing.PrivateKey, directory: PeerDirectory, options: Options = Options(),
        observer: Observer? = nil
    ) {
        self.observer = observer
        self.nodeId = nodeId
        self.key = key
        self.state = Mutex(State(directory: directory))
        self.options = options
    }

    public func peer(_ nodeId: String) -> Peer? { state.withLock { $0.directory[nodeId] } }

    /// The permits of requests to `node`, made on first use.
    func limiter(for node: String) -> Limiter {
        let permits = max(1, options.maxParallel)
        return state.withLock { state in
            if let limiter = state.limiters[node] { return limiter }
            let limiter = Limiter(permits: permits)
            state.limiters[node] = limiter
            return limiter
        }
    }
    public var peerIds: [String] { state.withLock { $0.directory.peers.keys.sorted() } }

    public func update(_ d: PeerDirectory) {
        state.withLock { state in
            state.directory = d
            state.generation += 1
            state.idleHandles.removeAll()  // CAs or URLs may have changed
        }
    }

    /// Sends one signed request to `node` for `actingBusiness` (`<businessId>@<this node>`) and
    /// returns the answer when its status is 2xx; other statuses throw `PeerError.status`.
    /// `accept` is sent as the `Accept` header (a media type the caller prefers to JSON).
    public func send(
        node: String, method: String, path: String, body: [UInt8]? = nil, actingBusiness: String,
        idempotent: Bool, deadline: Date? = nil, accept: String? = nil
    ) async throws -> HTTPResult {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let r = try await attempt(
                node: node, method: method, path: path, body: body, actingBusiness: actingBusiness, idempotent: idempotent,
                deadline: deadline, accept: accept)
            observer?(node, clock.now - start, nil)
            return r
        } catch let e as PeerError {
            // A node not in the directory was never called: no series for a name nobody answers to.
            if case .unknownNode = e { throw e }
            observer?(node, clock.now - start, e.kind)
            throw e
        }
    }

    private func attempt(
        node: String, method: String, path: String, body: [UInt8]?, actingBusiness: String,
        idempotent: Bool, deadline: Date?, accept: String?
    ) async throws -> HTTPResult {
        guard let peer = peer(node) else { throw PeerError.unknownNode(node) }
        let end = deadline ?? Date().addingTimeInterval(options.requestTimeout)
        var attempt = 0
        let limiter = limiter(for: node)
        while true {
            guard end.timeIntervalSinceNow > 0.001 else { throw PeerError.deadline(node: node) }
            await limiter.acquire()
            // The wait for a permit counts against the deadline.
            let remaining = end.timeIntervalSinceNow
            guard remaining > 0.001 else {
                await limiter.release()
                throw PeerError.deadline(node: node)
            }
            let outcome: Result<HTTPResult, CurlError>
            outcome = await withCheckedContinuation { (c: CheckedContinuation<Result<HTTPResult, CurlError>, Never>) in
                queue.async {
                    c.resume(
                        returning: self.perform(
                            peer, method: method, path: path, body: body, actingBusiness: actingBusiness,
                            timeout: min(remaining, self.options.requestTimeout), accept: accept))
                }
            }
            await limiter.release()
            let retryable: Bool
            switch outcome {
            case .success(let r) where (200..<300).contains(r.status):
                return r
            case .success(let r):
                retryable = [429, 502, 503, 504].contains(r.status)
                if !(idempotent && retryable && attempt < options.retries) {
                    let problem = try? JSONParser.parse(r.body)
                    throw PeerError.status(
                        node: node, r.status, code: problem?["code"]?.stringValue, detail: problem?["detail"]?.stringValue)
                }
            case .failure(let e):
                // 7 connect refused, 28 timeout, 52 empty reply, 55/56 send/receive, 35 TLS handshake cut short.
                retryable = [6, 7, 28, 35, 52, 55, 56].contains(e.code)
                if !(idempotent && retryable && attempt < options.retries) {
                    if e.code == 28, end.timeIntervalSinceNow <= 0.01 { throw PeerError.deadline(node: node) }
                    throw PeerError.transport(node: node, Self.attempts(e, attempt + 1))
                }
            }
            let pause = options.backoff * pow(4, Double(attempt)) * Double.random(in: 0.75...1.25)
            attempt += 1
            guard end.timeIntervalSinceNow > pause else {
                if case .failure(let e) = outcome { throw PeerError.transport(node: node, Self.attempts(e, attempt)) }
                throw PeerError.deadline(node: node)
            }
            try? await Task.sleep(nanoseconds: UInt64(pause * 1e9))
        }
    }

    static func attempts(_ e: CurlError, _ n: Int) -> CurlError {
        n > 1 ? CurlError(code: e.code, message: "\(e.message), \(n) attempts") : e
    }

    private func perform(
        _ peer: Peer, method: String, path: String, body: [UInt8]?, actingBusiness: String,
        timeout: Double, accept: String?
    ) -> Result<HTTPResult, CurlError> {
        let (taken, takenGeneration) = state.withLock { state in (state.idleHandles.popLast(), state.generation) }
        var set = taken ?? HandleSet()
        let client: CurlClient
        if let c = set.clients[peer.nodeId] {
            client = c
        } else {
            client = CurlClient(connectTimeout: options.connectTimeout, timeout: options.requestTimeout)
            client.caPEM = peer.caCertificate
            client.httpsOnly = true
            client.maxBodyBytes = options.maxAnswerBytes
            set.clients[peer.nodeId] = client
        }
        client.connectTimeout = min(options.connectTimeout, timeout)
        client.timeout = timeout
        defer { state.withLock { state in if state.generation == takenGeneration { state.idleHandles.append(set) } } }
        let headers = MessageSignature.sign(
            method: method, path: path, body: body ?? [], actingBusiness: actingBusiness,
            nodeId: nodeId, target: peer.nodeId, key: key)
        do {
            let lines = headers.map { "\($0.key): \($0.value)" } + (accept.map { ["Accept: \($0)"] } ?? [])
            return .success(try client.request(method, peer.baseURL + path, headers: lines, body: body))
        } catch let e as CurlError {
            return .failure(e)
        } catch {
            return .failure(CurlError(code: -1, message: String(describing: error)))
        }
    }
}
