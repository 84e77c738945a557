import Crypto
import Foundation
import SwiftASN1
import X509

/// The node's TLS material in `<data>/tls/`: `ca.pem` (the certificate peers and clients pin),
/// `ca-key.pem`, `cert.pem` (the server certificate, followed by the CA) and `key.pem`. Keys are
/// written with mode 0600. `ctn init` makes a self-signed P-256 CA and a server certificate for
/// `localhost`, `127.0.0.1` and the host of the node's public URL; an operator may install its own.
public enum NodeTLS {
    public static func folder(_ data: URL) -> URL { data.appendingPathComponent("tls") }
    public static func caFile(_ data: URL) -> URL { folder(data).appendingPathComponent("ca.pem") }
    public static func certFile(_ data: URL) -> URL { folder(data).appendingPathComponent("cert.pem") }
    public static func keyFile(_ data: URL) -> URL { folder(data).appendingPathComponent("key.pem") }

    /// Creates a CA valid for 10 years and a server certificate valid for 2 years.
    public static func generate(data: URL, nodeId: String, hosts: [String]) throws {
        let dir = folder(data)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName {
            OrganizationName("ctn node")
            CommonName("ctn CA for \(nodeId)")
        }
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(caKey.publicKey))
            },
            issuerPrivateKey: .init(caKey))

        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            OrganizationName("ctn node")
            CommonName(nodeId)
        }
        var names: [GeneralName] = []
        for h in Set(hosts).sorted() {
            if let ip = ipv4Bytes(h) {
                names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(ip))))
            } else {
                names.append(.dnsName(h))
            }
        }
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(2 * 365 * 86400),
            issuer: caName, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(caKey))

        try write(try ca.serializeAsPEM().pemString + "\n", to: caFile(data), mode: 0o644)
        try write(caKey.pemRepresentation + "\n", to: dir.appendingPathComponent("ca-key.pem"), mode: 0o600)
        try write(try leaf.serializeAsPEM().pemString + "\n" + (try ca.serializeAsPEM().pemString) + "\n", to: certFile(data), mode: 0o644)
        try write(key.pemRepresentation + "\n", to: keyFile(data), mode: 0o600)
    }

    /// Installs an operator's certificate chain, key and CA instead of generated ones.
    public static func install(data: URL, cert: URL, key: URL, ca: URL) throws {
        try FileManager.default.createDirectory(at: folder(data), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try write(String(decoding: try Data(contentsOf: cert), as: UTF8.self), to: certFile(data), mode: 0o644)
        try write(String(decoding: try Data(contentsOf: key), as: UTF8.self), to: keyFile(data), mode: 0o600)
        try write(String(decoding: try Data(contentsOf: ca), as: UTF8.self), to: caFile(data), mode: 0o644)
    }

    static func ipv4Bytes(_ s: String) -> [UInt8]? {
        let parts = s.split(separator: ".")
        guard parts.count == 4 else { return nil }
        let bytes = parts.compactMap { UInt8($0) }
        return bytes.count == 4 ? bytes : nil
    }

    static func write(_ text: String, to url: URL, mode: Int) throws {
        try? FileManager.default.removeItem(at: url)
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
