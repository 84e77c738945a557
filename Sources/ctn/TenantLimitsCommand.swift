import ArgumentParser
import CTNModel
import CTNStore
import Foundation

extension TenantCommand {
    struct Limits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a tenant's own request rate, burst and heavy-call bound (running nodes apply them within 2 s).",
            discussion:
                "A limit not given takes the node's default (ctn serve --tenant-rate, --tenant-burst, --tenant-heavy); 0 means no limit. --clear returns every limit to the defaults."
        )
        @OptionGroup var data: DataOption
        @Argument(help: "The tenant ID.") var tenantId: String
        @Option(help: "Requests a second (0: no limit).") var rate: Double?
        @Option(help: "Requests at once above the rate.") var burst: Int?
        @Option(help: "Traces, certifications, statistics, simulations and calculations at once (0: no limit).") var heavy: Int?
        @Flag(help: "Use the node's defaults for every limit.") var clear = false

        func validate() throws {
            if let rate, !(rate == 0 || (0.001...1_000_000).contains(rate)) {
                throw ValidationError("--rate must be 0 (no limit) or from 0.001 to 1000000 requests a second")
            }
            if let burst, burst < 1 { throw ValidationError("--burst must be 1 or more") }
            if let heavy, heavy < 0 { throw ValidationError("--heavy must be 0 or more") }
            if clear, rate != nil || burst != nil || heavy != nil { throw ValidationError("--clear takes no limits") }
            if !clear, rate == nil, burst == nil, heavy == nil { throw ValidationError("give --rate, --burst, --heavy or --clear") }
        }

        func run() async throws {
            let (store, _) = try await openStore(data)
            guard let (tenant, _) = try await store.tenants().first(where: { $0.0.tenantId == tenantId }) else {
                fail("no tenant \(tenantId)")
            }
            var limits = clear ? TenantLimits.none : tenant.limits
            if let rate { limits.ratePerSecond = rate }
            if let burst { limits.burst = burst }
            if let heavy { limits.heavy = heavy }
            try await store.setLimits(tenantId: tenantId, limits)
            print(CanonicalJSON.encodeOrdered(["tenantId": .string(tenantId), "limits": Self.view(limits)]))
        }

        /// A tenant's own limits; a missing field takes the node's default.
        static func view(_ l: TenantLimits) -> JSONValue {
            var o = JSONObject()
            if let r = l.ratePerSecond { o["ratePerSecond"] = .number(r) }
            if let b = l.burst { o["burst"] = .number(Double(b)) }
            if let h = l.heavy { o["heavy"] = .number(Double(h)) }
            return .object(o)
        }
    }
}
