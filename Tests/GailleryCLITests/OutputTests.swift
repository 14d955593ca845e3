import Testing

@testable import gaillery

@Suite struct TableTests {
    @Test func alignsColumnsWithoutTrailingBlanks() {
        var table = Table(["id", "name"], right: ["id"])
        table.append(["7", "a.jpg"])
        table.append(["1234", "b"])
        #expect(table.render(colour: false) == "  ID  NAME\n   7  a.jpg\n1234  b")
    }

    @Test func colourDoesNotShiftColumns() {
        var table = Table(["status", "id"], right: ["id"])
        table.append([Table.Cell("done", .green), "42"])
        let plain = table.render(colour: false)
        let coloured = table.render(colour: true).replacing(/\u{1B}\[[0-9]+m/, with: "")
        #expect(coloured == plain)
        #expect(table.render(colour: true).contains("\u{1B}[32mdone\u{1B}[0m"))
    }

    @Test func keyValuesLineUp() {
        #expect(Table.keyValues([("id", "1"), ("status", "done")]) == ["id      1", "status  done"])
    }
}

@Suite struct BarTests {
    @Test(arguments: [
        (0.82, "████████░░ 0.82"), (0.0, "░░░░░░░░░░ 0.00"), (1.0, "██████████ 1.00"),
        (1.7, "██████████ 1.00"), (-0.2, "░░░░░░░░░░ 0.00"), (Double.nan, "░░░░░░░░░░ 0.00"),
    ])
    func confidenceBar(confidence: Double, expected: String) {
        #expect(ConfidenceBar.render(confidence) == expected)
    }

    @Test func tagLinesPadNames() {
        let lines = ConfidenceBar.lines([
            .init(tag: "dog", confidence: 0.82, source: "model"),
            .init(tag: "beach", confidence: 1, source: "manual"),
        ])
        #expect(lines == ["dog    ████████░░ 0.82  (model)", "beach  ██████████ 1.00  (manual)"])
    }

    @Test func progressBarShowsCountPercentRateAndETA() {
        let line = ProgressBar.render(done: 30, total: 120, rate: 12.34, eta: 83, columns: 80)
        #expect(line.hasSuffix("]  30/120  25%  12.3 files/s  ETA 1:23"))
        let cells = line.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }
        #expect(cells.filter { $0 == "█" }.count * 4 == cells.count)
        #expect(line.count <= 80)
    }

    @Test func progressBarKeepsAMinimumWidthAndHandlesZeroTotal() {
        let line = ProgressBar.render(done: 0, total: 0, columns: 5)
        #expect(line == "[" + String(repeating: "░", count: 10) + "]  0/0  0%")
    }
}

@Suite struct RateMeterTests {
    @Test func unknownUntilTimeAndItemsHavePassed() {
        var meter = RateMeter()
        meter.record(count: 10, at: 100)
        #expect(meter.rate == nil)
        meter.record(count: 10, at: 101)
        #expect(meter.rate == nil)
        #expect(meter.eta(total: 50) == nil)
    }

    @Test func rateAndETAFromFirstSample() throws {
        var meter = RateMeter()
        meter.record(count: 10, at: 100)
        meter.record(count: 30, at: 104)
        #expect(meter.rate == 5)
        #expect(meter.eta(total: 80) == 10)
        #expect(meter.eta(total: 20) == 0)
    }
}

@Suite struct FormatTests {
    @Test(arguments: [(0.4, "0:00"), (83, "1:23"), (3725, "1:02:05"), (-5, "0:00"), (.infinity, "0:00")])
    func clock(seconds: Double, expected: String) {
        #expect(Durations.clock(seconds) == expected)
    }

    @Test(arguments: [(12.34, "12.3s"), (302, "5m 02s"), (7380, "2h 03m"), (273_600, "3d 04h"), (-1, "?")])
    func human(seconds: Double, expected: String) {
        #expect(Durations.human(seconds) == expected)
    }

    @Test(arguments: [
        (Int64(999), "999 B"), (1500, "1.5 kB"), (2_412_345, "2.4 MB"), (999_999_999, "1.0 GB"),
        (3_100_000_000, "3.1 GB"),
    ])
    func bytes(count: Int64, expected: String) {
        #expect(ByteCount.human(count) == expected)
    }

    @Test(arguments: [
        ("a.jpg", "/home/u/a.jpg"), ("./x/../b.png", "/home/u/b.png"), ("../c.jpg", "/home/c.jpg"),
        ("/abs//d.jpg", "/abs/d.jpg"), ("../../../e", "/e"),
    ])
    func absolutePaths(path: String, expected: String) {
        #expect(Paths.absolute(path, from: "/home/u") == expected)
    }
}
