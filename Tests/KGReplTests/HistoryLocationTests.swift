import Testing
@testable import KGRepl

@Suite struct HistoryLocationTests {
    @Test func precedence() {
        let env = ["HOME": "/home/u", "XDG_STATE_HOME": "/state", "KGQ_HISTORY": "/env/h"]
        #expect(HistoryLocation.path(graphFolder: "g", explicit: "/x/h", disabled: false, environment: env) == "/x/h")
        #expect(HistoryLocation.path(graphFolder: "g", explicit: "/x/h", disabled: true, environment: env) == nil)
        #expect(HistoryLocation.path(graphFolder: "g", explicit: nil, disabled: false, environment: env) == "/env/h")
        let xdg = HistoryLocation.path(graphFolder: "/data/graphs/customer-service", explicit: nil, disabled: false,
                                       environment: ["HOME": "/home/u", "XDG_STATE_HOME": "/state"])
        #expect(xdg?.hasPrefix("/state/kgq/history-customer-service-") == true)
        let home = HistoryLocation.path(graphFolder: "/data/graphs/customer-service", explicit: nil, disabled: false,
                                        environment: ["HOME": "/home/u"])
        #expect(home?.hasPrefix("/home/u/.local/state/kgq/history-customer-service-") == true)
        // Never the current directory: no home, no state directory, no history.
        #expect(HistoryLocation.path(graphFolder: "g", explicit: nil, disabled: false, environment: [:]) == nil)
        #expect(HistoryLocation.path(graphFolder: "g", explicit: nil, disabled: false, environment: ["XDG_STATE_HOME": "rel"]) == nil)
    }

    @Test func oneFilePerGraphFolder() {
        let a = HistoryLocation.fileName(graphFolder: "/a/customer-service")
        let b = HistoryLocation.fileName(graphFolder: "/b/customer-service")
        #expect(a != b)
        #expect(a == HistoryLocation.fileName(graphFolder: "/a/./customer-service"))
    }
}
