/// "Did you mean" suggestions for misspelt keys, paths, names and tags.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, when close enough to be a likely typo
    /// (at most a third of the word's length, minimum 2). Ties go to the earlier candidate.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// ` (did you mean "x"?)`-free phrasing used in fixes: `use "x"` or the fallback text.
    public static func fix(for word: String, in candidates: [String], otherwise: String, sigil: String = "") -> String {
        if let match = closest(to: word, in: candidates) { return "did you mean \"\(sigil)\(match)\"?" }
        return otherwise
    }

    /// Levenshtein distance over Unicode scalars, two rows of memory.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
