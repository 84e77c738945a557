import CTNXLSX
import Foundation
import Testing

/// The workbook writer: CRC-32 against its check value, columns past Z, and a workbook that
/// Python's zipfile and openpyxl (real readers) open with the cells written.
@Suite("Workbook")
struct WorkbookTests {
    @Test("CRC-32 of '123456789' is 0xCBF43926 (the standard check value)")
    func crc() { #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926) }

    @Test("openpyxl reads back the sheets, text with markup characters, and numbers")
    func roundTrip() throws {
        let book = Workbook(sheets: [
            Workbook.Sheet(
                "Summary_Products", rows: [[.text("CN"), .text("SEE")], [.text("7208 <&> \"x\""), .number(2.9608333333333334)]]),
            Workbook.Sheet("Second", rows: [[.empty, .number(-1.5)]]),
        ])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-book-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(book.bytes()).write(to: url)
        let script = """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            a, b = wb["Summary_Products"], wb["Second"]
            print(wb.sheetnames, a["A2"].value, a["B2"].value, b["B1"].value, a["A1"].font.b)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, url.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(
            text.trimmingCharacters(in: .whitespacesAndNewlines)
                == "['Summary_Products', 'Second'] 7208 <&> \"x\" 2.9608333333333334 -1.5 True")
    }
}
