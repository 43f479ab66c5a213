import Foundation
import Testing
@testable import KGOutput

/// Issue 18 item 16: errors red, warnings yellow, help green, the caret red; nothing else changes.
@Suite struct MessageColorTests {
    @Test func paintsSeveritiesHelpAndCaret() {
        let text = "query:1:8: error: SyntaxError (UndefinedVariable): variable 'nope' is not defined\n 1 | RETURN nope\n   |        ^\n  help: did you mean 'none'?"
        let painted = MessageColor.paint(text)
        #expect(painted == "query:1:8: \u{1B}[1;31merror:\u{1B}[0m SyntaxError (UndefinedVariable): variable 'nope' is not defined\n"
                + " 1 | RETURN nope\n   |        \u{1B}[1;31m^\u{1B}[0m\n\u{1B}[32m  help:\u{1B}[0m did you mean 'none'?")
        #expect(MessageColor.paint("warning: no label :Rol") == "\u{1B}[1;33mwarning:\u{1B}[0m no label :Rol")
        #expect(MessageColor.paint("3 rows written to x.csv") == "3 rows written to x.csv")
        // Removing the escapes gives the text back.
        let plain = painted.replacingOccurrences(of: "\u{1B}[1;31m", with: "").replacingOccurrences(of: "\u{1B}[32m", with: "")
            .replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(plain == text)
    }
}
