import CTNConsole
import CTNModel
import CTNPACT
import CTNStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// ListFootprints, GetFootprint and events of a tenant's PACT host.
extension PACTController {
    static func document(_ f: PACTFootprintRecord, _ profile: PACTProfileRecord, nodeId: String, version: Int) -> JSONValue? {
        let source = PACTFootprint.Source(
            id: f.footprintId, version: f.lotVersion, status: f.status, created: f.createdAt, precedingIds: f.precedingIds,
            companyName: profile.companyName, companyIds: profile.companyIds, productName: f.productName,
            productDescription: f.productDescription, productIds: f.productIds, productCategoryCpc: f.productCategoryCpc, nodeId: nodeId,
            lotId: f.lotId, declaredUnit: f.declaredUnit, co2PerUnit: f.co2PerUnit, primaryDataShare: f.primaryDataShare,
            periodStart: f.periodStart, periodEnd: f.periodEnd)
        return version == 2 ? PACTFootprint.v2(source) : PACTFootprint.v3(source)
    }

    /// The tenant's footprints in this version, oldest first.
    func documents(_ tenant: TenantRecord, version: Int) async throws -> [JSONValue] {
        let (records, profile) = try await node.store.read { tx in
            (try tx.pactFootprints(tenantId: tenant.tenantId), try tx.pactProfile(tenantId: tenant.tenantId))
        }
        guard let profile else { return [] }
        return records.compactMap { Self.document($0, profile, nodeId: node.keys.nodeId, version: version) }
    }

    func list(_ request: Request, version: Int) async throws -> Response {
        let tenant = try await tenant(request)
        let query = request.uri.queryParameters
        // Pages of 100 unless asked otherwise, 1,000 at most.
        var limit = 100
        if let text = query["limit"].map(String.init) {
            guard let n = Int(text), n > 0 else { throw Failure.badRequest("limit must be a positive integer") }
            limit = min(n, 1000)
        }
        var offset = 0
        if let text = query["offset"].map(String.init) {
            guard let n = Int(text), n >= 0 else { throw Failure.badRequest("offset must be an integer of at least 0") }
            offset = n
        }
        if version == 2, let filter = Self.pairs(request).first(where: { $0.0 == "$filter" })?.1, !filter.isEmpty {
            throw Failure(status: 400, code: "NotImplemented", message: "$filter is not implemented by this host")
        }
        var all = try await documents(tenant, version: version)
        if version == 3 { all = all.filter { PACTFilter.matches($0, query: Self.pairs(request)) } }
        let page = Array(all.dropFirst(offset).prefix(limit))
        var response = Self.json(200, ["data": .array(page)])
        if offset + page.count < all.count {
            var items = Self.pairs(request).filter { $0.0 != "offset" && $0.0 != "limit" }
            items.append(("limit", String(limit)))
            items.append(("offset", String(offset + page.count)))
            let q = items.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
            if let link = HTTPField.Name("Link") {
                response.headers[link] = "<\(base(request))/\(version)/footprints?\(q)>; rel=\"next\""
            }
        }
        return response
    }

    func get(_ request: Request, id: String, version: Int) async throws -> Response {
        let tenant = try await tenant(request)
        let notFound = Failure(status: 404, code: version == 2 ? "NoSuchFootprint" : "NotFound", message: "no footprint \(id)")
        guard PACTUUID.isUUID(id) else { throw Failure.badRequest("the footprint ID must be a UUID") }
        let (record, profile) = try await node.store.read { tx in
            (try tx.pactFootprint(id.lowercased()), try tx.pactProfile(tenantId: tenant.tenantId))
        }
        guard let record, record.tenantId == tenant.tenantId, let profile,
            let document = Self.document(record, profile, nodeId: node.keys.nodeId, version: version)
        else { throw notFound }
        return Self.json(200, ["data": document])
    }

    /// Events: Published (and answers to requests this host does not send) are accepted; a request
    /// for footprints is refused at once as not implemented; anything malformed is a BadRequest.
    func events(_ request: Request, version: Int) async throws -> Response {
        let (tenant, client) = try await caller(request)
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: 256 * 1024) } catch { throw Failure.badRequest("the event is too large") }
        guard let event = try? JSONParser.parse(Array(buffer.readableBytesView)), event.objectValue != nil else {
            throw Failure.badRequest("the body is not a JSON CloudEvent")
        }
        for field in ["specversion", "id", "source", "time", "type"] where event[field]?.stringValue == nil {
            throw Failure.badRequest("the event lacks '\(field)'")
        }
        guard event["specversion"] == "1.0" else { throw Failure.badRequest("specversion must be 1.0") }
        guard let kind = PACTEvents.kind(event["type"]?.stringValue ?? "", version: version) else {
            throw Failure.badRequest("unknown event type for version \(version)")
        }
        switch kind {
        case .published:
            guard let ids = event["data"]?["pfIds"]?.arrayValue, !ids.isEmpty,
                ids.allSatisfy({ $0.stringValue.map(PACTUUID.isUUID) ?? false })
            else { throw Failure.badRequest("data.pfIds must be a non-empty list of UUIDs") }
        case .requestCreated:
            guard let data = event["data"], data.objectValue != nil, version == 3 || data["pf"]?.objectValue != nil else {
                throw Failure.badRequest(version == 2 ? "data.pf is missing" : "the request has no data")
            }
            // Only the partner host this client belongs to is answered: the callback goes where its credentials are.
            let source = event["source"]?.stringValue ?? ""
            let partners = try await node.store.pactSuppliers(tenantId: tenant.tenantId).filter { $0.linkedClient == client.clientId }
            guard let partner = PACTCallback.partner(source, among: partners) else {
                throw Failure.badRequest("the requester \(source) is not the partner host of this client")
            }
            guard PACTCallback.admit() else { throw Failure.badRequest("too many requests are being answered; try again later") }
            guard try await record(event, version: version, tenant: tenant) else {
                PACTCallback.done()
                return Response(status: .ok, headers: [.contentLength: "0"], body: .init())
            }
            let answer = try await self.answer(event, version: version, tenant: tenant, origin: base(request))
            Task.detached {
                await PACTCallback.send(answer, version: version, to: partner)
                PACTCallback.done()
            }
            return Response(status: .ok, headers: [.contentLength: "0"], body: .init())
        case .fulfilled, .rejected:
            guard event["data"]?["requestEventId"]?.stringValue != nil else { throw Failure.badRequest("data.requestEventId is missing") }
        }
        _ = try await record(event, version: version, tenant: tenant)
        return Response(status: .ok, headers: [.contentLength: "0"], body: .init())
    }

    /// Keeps an accepted event once per (source, ID); whether it was new.
    func record(_ event: JSONValue, version: Int, tenant: TenantRecord) async throws -> Bool {
        try await node.store.recordPACTEvent(
            tenantId: tenant.tenantId, version: version, type: event["type"]?.stringValue ?? "", eventId: event["id"]?.stringValue ?? "",
            source: event["source"]?.stringValue ?? "", body: CanonicalJSON.encode(event), at: node.clock.nowMillis())
    }

    /// RequestFulfilled with the footprints a request asks for, or RequestRejected when none match.
    func answer(_ request: JSONValue, version: Int, tenant: TenantRecord, origin: String) async throws -> JSONValue {
        let all = try await documents(tenant, version: version).filter { $0["status"] == "Active" }
        let data = request["data"]
        var query: [(String, String)] = []
        if version == 2 {
            for id in data?["pf"]?["productIds"]?.arrayValue ?? [] { if let s = id.stringValue { query.append(("productId", s)) } }
            for id in data?["pf"]?["companyIds"]?.arrayValue ?? [] { if let s = id.stringValue { query.append(("companyId", s)) } }
        } else {
            for (key, value) in data?.objectValue?.pairs ?? [] where key != "comment" {
                if let list = value.arrayValue { query += list.compactMap { $0.stringValue.map { (key, $0) } } }
                if let s = value.stringValue { query.append((key, s)) }
            }
        }
        let matched = query.isEmpty ? [] : Array(all.filter { PACTFilter.matches($0, query: query) }.prefix(100))
        let requestId = request["id"] ?? .null
        var event = JSONObject([
            "specversion": "1.0", "id": .string(PACTUUID.make()),
            "source": .string(origin.replacingOccurrences(of: "https:", with: "") + "/\(version)/events"),
            "time": .string(Timestamp.format(millis: node.clock.nowMillis())),
        ])
        if matched.isEmpty {
            event["type"] = .string(PACTEvents.type(.rejected, version: version))
            event["data"] = [
                "requestEventId": requestId,
                "error": [
                    "code": .string(version == 2 ? "NoSuchFootprint" : "NotFound"), "message": "no active footprint matches the request",
                ],
            ]
        } else {
            event["type"] = .string(PACTEvents.type(.fulfilled, version: version))
            event["data"] = ["requestEventId": requestId, "pfs": .array(matched)]
        }
        return .object(event)
    }

    static func pairs(_ request: Request) -> [(String, String)] {
        (request.uri.query ?? "").split(separator: "&").compactMap { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = kv.first else { return nil }
            return (FormFields.decode(String(key)), FormFields.decode(kv.count > 1 ? String(kv[1]) : ""))
        }
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~:"))) ?? s
    }
}
