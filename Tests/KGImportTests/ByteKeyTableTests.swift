import Testing
@testable import KGImport

@Suite struct ByteKeyTableTests {
    @Test func storesLooksUpAndKeepsTheFirstValueThroughGrowth() {
        var table = ByteKeyTable(capacity: 4)
        let keys = (0..<5000).map { "node:\($0)" } + ["", "ö", "kundtjänst"]
        for (i, key) in keys.enumerated() {
            var k = key
            #expect(k.withUTF8 { table.insert($0, i) } == nil)
        }
        for (i, key) in keys.enumerated() {
            var k = key
            #expect(k.withUTF8 { table.value(for: $0) } == i)
            #expect(k.withUTF8 { table.insert($0, -1) } == i, "a second insert keeps the first value")
        }
        var missing = "node:5000"
        #expect(missing.withUTF8 { table.value(for: $0) } == nil)
        #expect(table.count == keys.count)
    }
}
