/// A ZIP archive of stored (uncompressed) entries, as the Office Open XML formats accept: local
/// headers, the central directory and its end record, with CRC-32 of every entry. Pure.
public struct ZipArchive {
    private var entries: [(name: [UInt8], data: [UInt8], crc: UInt32, offset: UInt32)] = []
    private var body: [UInt8] = []

    public init() {}

    public mutating func add(_ name: String, _ data: [UInt8]) {
        let n = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let offset = UInt32(body.count)
        body += le32(0x0403_4b50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)  // version, UTF-8 names, stored, time, date
        body += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(n.count)) + le16(0)
        body += n + data
        entries.append((n, data, crc, offset))
    }

    public func bytes() -> [UInt8] {
        var directory: [UInt8] = []
        for e in entries {
            directory += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            directory += le32(e.crc) + le32(UInt32(e.data.count)) + le32(UInt32(e.data.count)) + le16(UInt16(e.name.count))
            directory += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(e.offset) + e.name
        }
        let end =
            le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
            + le32(UInt32(directory.count)) + le32(UInt32(body.count)) + le16(0)
        return body + directory + end
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xff) } }
}
