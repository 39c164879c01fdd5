import Testing
@testable import WardenTopology

@Suite struct RegexTests {
    private func regex(_ pattern: String) throws -> RuleRegex { try RuleRegex(regex: pattern) }

    @Test func literalsSearchAnywhereUnlessAnchored() throws {
        #expect(try regex("drop").matches("db.drop_table"))
        #expect(try !regex("^drop").matches("db.drop_table"))
        #expect(try regex("^db\\.").matches("db.drop_table"))
        #expect(try regex("table$").matches("db.drop_table"))
        #expect(try !regex("^table$").matches("db.drop_table"))
        #expect(try regex("").matches("anything"))
    }

    @Test func dotClassesAndEscapes() throws {
        #expect(try regex("^a.c$").matches("abc"))
        #expect(try !regex("^a.c$").matches("ac"))
        #expect(try regex("^[a-c]+$").matches("abcabc"))
        #expect(try !regex("^[a-c]+$").matches("abcd"))
        #expect(try regex("^[^0-9]+$").matches("abc"))
        #expect(try !regex("^[^0-9]+$").matches("a1c"))
        #expect(try regex("^\\d\\d\\s\\w+$").matches("42 rows_x"))
        #expect(try !regex("\\D").matches("123"))
        #expect(try regex("^[-a]$").matches("-"))
        #expect(try regex("^[]]$").matches("]"))
        #expect(try regex("^a\\|b$").matches("a|b"))
    }

    @Test func repetitionAlternationAndGroups() throws {
        #expect(try regex("^ab*c$").matches("ac"))
        #expect(try regex("^ab+c$").matches("abbbc"))
        #expect(try !regex("^ab+c$").matches("ac"))
        #expect(try regex("^ab?c$").matches("abc"))
        #expect(try !regex("^ab?c$").matches("abbc"))
        #expect(try regex("^(cat|dog)s?$").matches("dogs"))
        #expect(try !regex("^(cat|dog)s?$").matches("cow"))
        #expect(try regex("^(ab)+$").matches("ababab"))
        #expect(try !regex("^(ab)+$").matches("ababa"))
        #expect(try regex("^(a|)$").matches(""))
        #expect(try regex("(curl|wget)[^|]*\\|\\s*(ba|z)?sh").matches("curl -s https://x.example/i.sh | bash"))
        #expect(try !regex("(curl|wget)[^|]*\\|\\s*(ba|z)?sh").matches("curl -o out.txt https://x.example"))
    }

    @Test func matchesUnicodeScalars() throws {
        #expect(try regex("^caf.$").matches("café"))
        #expect(try regex("^[à-ÿ]+$").matches("éè"))
    }

    /// Backtracking engines take exponential time on these; the NFA is linear, so the test
    /// finishing at all (on 100 000 characters) is the check.
    @Test func pathologicalPatternsRunInLinearTime() throws {
        let long = String(repeating: "a", count: 100_000)
        #expect(try !regex("(a*)*b").matches(long))
        #expect(try !regex("^(a|a)*$").matches(long + "b"))
        #expect(try !regex("(a+)+$").matches(long + "!"))
        #expect(try regex("(a*)*").matches(long))
        #expect(try !regex("^(a?)*a*$").matches(long + "c"))
    }

    @Test func rejectsUnsupportedOrMalformedPatterns() {
        let cases: [(String, Int, String)] = [
            ("a{2}", 1, "counted repetition {m,n} is not supported"),
            ("(?i)a", 1, "group options (?...) are not supported"),
            ("(ab", 0, "unclosed \"(\""),
            ("ab)", 2, "unbalanced \")\""),
            ("[ab", 0, "unclosed \"[\""),
            ("*a", 0, "\"*\" has nothing to repeat"),
            ("a\\", 1, "pattern ends with \"\\\""),
            ("\\1", 0, "unknown escape \"\\1\""),
            ("[z-a]", 1, "class range z-a is reversed"),
            (String(repeating: "a", count: 257), 256, "pattern is longer than 256 characters"),
        ]
        for (pattern, offset, message) in cases {
            #expect(throws: RegexError(offset: offset, message: message), "\(pattern)") { try RuleRegex(regex: pattern) }
        }
    }

    @Test func globsMatchTheWholeString() throws {
        let glob = try RuleRegex(glob: "prod-*.db")
        #expect(glob.matches("prod-eu.db"))
        #expect(glob.matches("prod-.db"))
        #expect(!glob.matches("xprod-eu.db"))
        #expect(!glob.matches("prod-eu.dbx"))
        #expect(try RuleRegex(glob: "db.*").matches("db.a.b/c"))
        #expect(try RuleRegex(glob: "v?.?").matches("v1.2"))
        #expect(try !RuleRegex(glob: "v?.?").matches("v10.2"))
        #expect(try RuleRegex(glob: "a\\*b").matches("a*b"))
        #expect(try !RuleRegex(glob: "a\\*b").matches("axb"))
        #expect(try RuleRegex(glob: "(a)|[b]").matches("(a)|[b]"))
        #expect(try !RuleRegex(glob: "*a*a*a*a*a*b").matches(String(repeating: "a", count: 50_000)))
    }
}
