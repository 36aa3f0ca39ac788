/// Which numeric post ids of a platform the archive holds: the runs of consecutive ids and the
/// gaps between them (ids never seen: not crawled, deleted before the crawl, or never public).
struct IDCoverage: Equatable {
    /// Consecutive runs, ascending, as closed ranges.
    var runs: [ClosedRange<Int64>] = []
    /// Ids that are not plain non-negative numbers (left out of the runs).
    var nonNumeric = 0

    /// The coverage of `ids` (duplicates ignored).
    init(ids: [String]) {
        var numbers: [Int64] = []
        for id in ids {
            if !id.isEmpty, id.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = Int64(id) {
                numbers.append(number)
            } else {
                nonNumeric += 1
            }
        }
        numbers.sort()
        for number in numbers {
            if let last = runs.last {
                if number <= last.upperBound { continue }
                if number == last.upperBound + 1 {
                    runs[runs.count - 1] = last.lowerBound...number
                    continue
                }
            }
            runs.append(number...number)
        }
    }

    /// The ids between runs, as closed ranges.
    var gaps: [ClosedRange<Int64>] {
        zip(runs, runs.dropFirst()).map { ($0.upperBound + 1)...($1.lowerBound - 1) }
    }

    /// Distinct numeric ids held.
    var held: Int64 { runs.reduce(0) { $0 + ($1.upperBound - $1.lowerBound + 1) } }

    /// Ids missing between the lowest and the highest.
    var missing: Int64 { gaps.reduce(0) { $0 + ($1.upperBound - $1.lowerBound + 1) } }

    /// "12" or "12–40".
    static func text(_ range: ClosedRange<Int64>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }
}
