import KGCore
import Testing
@testable import KGQuery

/// One statement that fails, and the code it must fail with.
struct ErrorCodeCase: CustomStringConvertible, Sendable {
    var query: String
    var parameters: [String: QueryValue] = [:]
    var type: QueryErrorCode
    var detail: QueryErrorDetail
    var phase: QueryError.Phase
    var description: String { query }
}

let errorCodeCases: [ErrorCodeCase] = [
    ErrorCodeCase(query: "MATCH (n) RETURN m", type: .syntaxError, detail: .undefinedVariable, phase: .compileTime),
    ErrorCodeCase(query: "RETURN 1 / 0", type: .typeError, detail: .divisionByZero, phase: .runtime),
    ErrorCodeCase(query: "RETURN [1, 2]['a']", type: .typeError, detail: .invalidArgumentType, phase: .runtime),
    ErrorCodeCase(query: "WITH {a: 1} AS m RETURN m[1]", type: .typeError, detail: .mapElementAccessByNonString, phase: .runtime),
    ErrorCodeCase(query: "RETURN 9223372036854775807 + 1", type: .typeError, detail: .integerOverflow, phase: .runtime),
    ErrorCodeCase(query: "RETURN percentileDisc(1, 2.0)", type: .argumentError, detail: .numberOutOfRange, phase: .runtime),
    ErrorCodeCase(query: "RETURN $missing", type: .parameterMissing, detail: .missingParameter, phase: .runtime),
    ErrorCodeCase(query: "UNWIND [1] AS n CREATE (n)-[:R]->()", type: .typeError, detail: .variableTypeConflict, phase: .runtime),
    ErrorCodeCase(query: "CREATE (a)-[:R]->(b) WITH a DELETE a", type: .constraintVerificationFailed,
                  detail: .deleteConnectedNode, phase: .runtime),
    // openCypher's TCK (ReturnSkipLimit1, 2) names a bad SKIP or LIMIT parameter a SyntaxError
    // raised at runtime: the only runtime error labelled SyntaxError.
    ErrorCodeCase(query: "MATCH (n) RETURN n SKIP $s", parameters: ["s": .int(-1)], type: .syntaxError,
                  detail: .negativeIntegerArgument, phase: .runtime),
    ErrorCodeCase(query: "MATCH (n) RETURN n LIMIT $l", parameters: ["l": .float(1.5)], type: .syntaxError,
                  detail: .invalidArgumentType, phase: .runtime),
]

@Suite struct ErrorCodes {
    @Test(arguments: errorCodeCases)
    func code(_ c: ErrorCodeCase) throws {
        var session = QuerySession(graph: try Fixture.graph())
        do {
            _ = try session.run(c.query, parameters: c.parameters)
            Issue.record("expected \(c.type) (\(c.detail))")
        } catch {
            #expect(error.type == c.type)
            #expect(error.detail == c.detail)
            #expect(error.phase == c.phase)
        }
    }

    /// Runtime errors are never SyntaxErrors, except the SKIP/LIMIT parameter checks the TCK names so.
    @Test func runtimeErrorsAreNotSyntaxErrors() throws {
        for c in errorCodeCases where c.phase == .runtime && c.parameters.isEmpty {
            #expect(c.type != .syntaxError, "\(c.query)")
        }
    }

    /// The raw values are openCypher's names, which JSON and the TCK read.
    @Test func rawValuesAreOpenCypherNames() {
        #expect(QueryErrorCode.syntaxError.rawValue == "SyntaxError")
        #expect(QueryErrorCode.entityNotFound.rawValue == "EntityNotFound")
        #expect(QueryErrorCode.constraintVerificationFailed.rawValue == "ConstraintVerificationFailed")
        #expect(QueryErrorDetail.mapElementAccessByNonString.rawValue == "MapElementAccessByNonString")
        let e = QueryError(type: .entityNotFound, detail: .deletedEntityAccess, phase: .runtime, message: "gone")
        #expect(ResultJSON.encode(e).contains(#""type": "EntityNotFound", "detail": "DeletedEntityAccess", "phase": "runtime""#))
        #expect(e.description.contains("EntityNotFound (DeletedEntityAccess): gone"))
    }
}
