/// The shapes of CBAM codes: CN codes (4 to 8 digits, spaces allowed), ISO 3166 alpha-2 countries,
/// UN/LOCODEs.
public enum CBAMCode {
    public static func valid(_ cn: String) -> Bool {
        let digits = cn.filter { $0 != " " }
        return (4...8).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    public static func country(_ c: String) -> Bool { c.count == 2 && c.allSatisfy { $0.isASCII && $0.isUppercase } }

    /// Five letters or digits 2-9, the first two the country's code.
    public static func unlocode(_ s: String, country: String) -> Bool {
        s.count == 5 && s.hasPrefix(country) && s.allSatisfy { $0.isASCII && ($0.isUppercase || ("2"..."9").contains($0)) }
    }
}
