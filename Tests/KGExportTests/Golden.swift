import KGTestSupport

/// Golden files under Tests/Fixtures/golden/export/.
let Golden = GoldenFolder("export")
