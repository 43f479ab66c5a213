import KGTestSupport

/// Golden files under Tests/Fixtures/golden/plugins/.
let Golden = GoldenFolder("plugins")
