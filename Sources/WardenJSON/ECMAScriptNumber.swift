/// ECMAScript `Number::toString` (ECMA-262, 7.1.12.1) for finite doubles, as RFC 8785 requires.
///
/// Swift's `Double.description` already yields the shortest digit string that round-trips
/// (and the closest one on ties), which is the digit string ECMAScript specifies; this only
/// re-lays those digits out by ECMAScript's rules for where the decimal point and exponent go.
enum ECMAScriptNumber {
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        let (digits, pointPosition) = shortestDigits(value.magnitude)
        let body = layout(digits: digits, n: pointPosition)
        return value < 0 ? "-" + body : body
    }

    /// The significant digits d1...dk and n such that the value is 0.d1...dk × 10^n.
    private static func shortestDigits(_ value: Double) -> (digits: [Character], n: Int) {
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fraction: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(integerPart) + Array(fraction)
        var n = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            n -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, n)
    }

    private static func layout(digits: [Character], n: Int) -> String {
        let k = digits.count
        if k <= n && n <= 21 {
            return String(digits) + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return String(digits[..<n]) + "." + String(digits[n...])
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + String(digits)
        }
        let e = n - 1
        let mantissa = k == 1 ? String(digits) : String(digits[0]) + "." + String(digits[1...])
        return mantissa + "e" + (e > 0 ? "+" : "-") + String(e.magnitude)
    }
}
