/// A spreadsheet workbook written as .xlsx (SpreadsheetML in a ZIP): named sheets of rows of
/// text and number cells, the first row of each in bold. Pure: the bytes are the caller's to write.
public struct Workbook {
    /// One cell.
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(Double)
        case empty
    }

    /// A sheet: its name (at most 31 characters, as Excel allows) and rows.
    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        public init(_ name: String, rows: [[Cell]]) {
            self.name = String(name.prefix(31))
            self.rows = rows
        }
    }

    public var sheets: [Sheet]
    public init(sheets: [Sheet]) { self.sheets = sheets }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // XML 1.0 has no place for other control characters.
            case _ where c.value < 0x20 && c != "\t" && c != "\n" && c != "\r": continue
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The column letters of a zero-based index: A … Z, AA …
    static func column(_ i: Int) -> String {
        var n = i + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    static func sheetXML(_ sheet: Sheet) -> String {
        var x =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in sheet.rows.enumerated() {
            x += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = "\(column(c))\(r + 1)"
                let style = r == 0 ? " s=\"1\"" : ""
                switch cell {
                case .text(let t): x += "<c r=\"\(ref)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">\(escape(t))</t></is></c>"
                case .number(let d) where d.isFinite: x += "<c r=\"\(ref)\"\(style)><v>\(d)</v></c>"
                case .number, .empty: continue
                }
            }
            x += "</row>"
        }
        return x + "</sheetData></worksheet>"
    }

    public func bytes() -> [UInt8] {
        var zip = ZipArchive()
        let ns = "http://schemas.openxmlformats.org"
        var types = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="\#(ns)/package/2006/content-types">"#
        types +=
            #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
        types +=
            #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        types +=
            #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for i in sheets.indices {
            types +=
                #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        zip.add("[Content_Types].xml", Array((types + "</Types>").utf8))
        zip.add(
            "_rels/.rels",
            Array(
                (#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="\#(ns)/package/2006/relationships">"#
                    + #"<Relationship Id="rId1" Type="\#(ns)/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
                    .utf8))
        var book =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="\#(ns)/spreadsheetml/2006/main" xmlns:r="\#(ns)/officeDocument/2006/relationships"><sheets>"#
        var rels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="\#(ns)/package/2006/relationships">"#
        for (i, s) in sheets.enumerated() {
            book += "<sheet name=\"\(Self.escape(s.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels +=
                #"<Relationship Id="rId\#(i + 1)" Type="\#(ns)/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        rels += #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(ns)/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        zip.add("xl/workbook.xml", Array((book + "</sheets></workbook>").utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array((rels + "</Relationships>").utf8))
        let styles =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="\#(ns)/spreadsheetml/2006/main">"#
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
            + "</styleSheet>"
        zip.add("xl/styles.xml", Array(styles.utf8))
        for (i, s) in sheets.enumerated() { zip.add("xl/worksheets/sheet\(i + 1).xml", Array(Self.sheetXML(s).utf8)) }
        return zip.bytes()
    }
}
