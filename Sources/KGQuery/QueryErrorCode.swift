/// openCypher's error type of a `QueryError` (the first word of the TCK's "a SyntaxError should
/// be raised at compile time: UndefinedVariable"), with kgq's own types for what openCypher does
/// not classify (resource limits, cancellation). The raw value is what JSON and messages show.
///
/// ```swift
/// if error.type == .resourceLimit { … }
/// ```
public struct QueryErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The statement is not well formed or not well typed as written (compile time), and the
    /// few checks openCypher's TCK names `SyntaxError` at run time (see `argumentCheckError`).
    public static let syntaxError = QueryErrorCode(rawValue: "SyntaxError")
    /// A statement that parses but means nothing valid.
    public static let semanticError = QueryErrorCode(rawValue: "SemanticError")
    /// A value of the wrong type at run time.
    public static let typeError = QueryErrorCode(rawValue: "TypeError")
    /// A value of the right type but outside what a function or operator accepts.
    public static let argumentError = QueryErrorCode(rawValue: "ArgumentError")
    /// Integer overflow and other failures of arithmetic.
    public static let arithmeticError = QueryErrorCode(rawValue: "ArithmeticError")
    /// A node or relationship that was deleted by the statement.
    public static let entityNotFound = QueryErrorCode(rawValue: "EntityNotFound")
    /// A write that would break the graph's invariants (deleting a connected node).
    public static let constraintVerificationFailed = QueryErrorCode(rawValue: "ConstraintVerificationFailed")
    /// A `CALL` of a procedure that does not exist or fails.
    public static let procedureError = QueryErrorCode(rawValue: "ProcedureError")
    /// A `$parameter` the statement uses but was not given.
    public static let parameterMissing = QueryErrorCode(rawValue: "ParameterMissing")
    /// A bound of `QueryLimits` (rows, expansions, value size, time) was passed.
    public static let resourceLimit = QueryErrorCode(rawValue: "ResourceLimit")
    /// The statement was cancelled (Ctrl-C).
    public static let cancelled = QueryErrorCode(rawValue: "Cancelled")
    /// A failure inside the engine or the store that none of the above names.
    public static let runtimeError = QueryErrorCode(rawValue: "RuntimeError")
}

/// The detail code of a `QueryError`: openCypher's names where the TCK has one
/// (`UndefinedVariable`, `InvalidArgumentType`, …), kgq's own otherwise.
public struct QueryErrorDetail: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    // openCypher's detail codes (the TCK's names).
    public static let ambiguousAggregationExpression = QueryErrorDetail(rawValue: "AmbiguousAggregationExpression")
    public static let columnNameConflict = QueryErrorDetail(rawValue: "ColumnNameConflict")
    public static let memoryLimit = QueryErrorDetail(rawValue: "MemoryLimit")
    public static let invalidShortestPath = QueryErrorDetail(rawValue: "InvalidShortestPath")
    public static let invalidArgument = QueryErrorDetail(rawValue: "InvalidArgument")
    public static let documentNotFound = QueryErrorDetail(rawValue: "DocumentNotFound")
    public static let quoteNotFound = QueryErrorDetail(rawValue: "QuoteNotFound")
    public static let entityNotFound = QueryErrorDetail(rawValue: "EntityNotFound")
    public static let creatingVarLength = QueryErrorDetail(rawValue: "CreatingVarLength")
    public static let deleteConnectedNode = QueryErrorDetail(rawValue: "DeleteConnectedNode")
    public static let deletedEntityAccess = QueryErrorDetail(rawValue: "DeletedEntityAccess")
    public static let differentColumnsInUnion = QueryErrorDetail(rawValue: "DifferentColumnsInUnion")
    public static let floatingPointOverflow = QueryErrorDetail(rawValue: "FloatingPointOverflow")
    public static let divisionByZero = QueryErrorDetail(rawValue: "DivisionByZero")
    public static let integerOverflow = QueryErrorDetail(rawValue: "IntegerOverflow")
    public static let invalidAggregation = QueryErrorDetail(rawValue: "InvalidAggregation")
    public static let invalidArgumentExpression = QueryErrorDetail(rawValue: "InvalidArgumentExpression")
    public static let invalidArgumentType = QueryErrorDetail(rawValue: "InvalidArgumentType")
    public static let invalidArgumentValue = QueryErrorDetail(rawValue: "InvalidArgumentValue")
    public static let invalidClauseComposition = QueryErrorDetail(rawValue: "InvalidClauseComposition")
    public static let invalidDelete = QueryErrorDetail(rawValue: "InvalidDelete")
    public static let invalidNumberLiteral = QueryErrorDetail(rawValue: "InvalidNumberLiteral")
    public static let invalidNumberOfArguments = QueryErrorDetail(rawValue: "InvalidNumberOfArguments")
    public static let invalidParameterUse = QueryErrorDetail(rawValue: "InvalidParameterUse")
    public static let invalidPropertyType = QueryErrorDetail(rawValue: "InvalidPropertyType")
    public static let invalidRelationshipPattern = QueryErrorDetail(rawValue: "InvalidRelationshipPattern")
    public static let invalidUnicodeLiteral = QueryErrorDetail(rawValue: "InvalidUnicodeLiteral")
    public static let mapElementAccessByNonString = QueryErrorDetail(rawValue: "MapElementAccessByNonString")
    public static let missingParameter = QueryErrorDetail(rawValue: "MissingParameter")
    public static let negativeIntegerArgument = QueryErrorDetail(rawValue: "NegativeIntegerArgument")
    public static let nestedAggregation = QueryErrorDetail(rawValue: "NestedAggregation")
    public static let noExpressionAlias = QueryErrorDetail(rawValue: "NoExpressionAlias")
    public static let noSingleRelationshipType = QueryErrorDetail(rawValue: "NoSingleRelationshipType")
    public static let noVariablesInScope = QueryErrorDetail(rawValue: "NoVariablesInScope")
    public static let nonConstantExpression = QueryErrorDetail(rawValue: "NonConstantExpression")
    public static let numberOutOfRange = QueryErrorDetail(rawValue: "NumberOutOfRange")
    public static let procedureNotFound = QueryErrorDetail(rawValue: "ProcedureNotFound")
    public static let invalidProcedureCall = QueryErrorDetail(rawValue: "InvalidProcedureCall")
    public static let relationshipUniquenessViolation = QueryErrorDetail(rawValue: "RelationshipUniquenessViolation")
    public static let requiresDirectedRelationship = QueryErrorDetail(rawValue: "RequiresDirectedRelationship")
    public static let undefinedVariable = QueryErrorDetail(rawValue: "UndefinedVariable")
    public static let unexpectedSyntax = QueryErrorDetail(rawValue: "UnexpectedSyntax")
    public static let unknownFunction = QueryErrorDetail(rawValue: "UnknownFunction")
    public static let variableAlreadyBound = QueryErrorDetail(rawValue: "VariableAlreadyBound")
    public static let variableTypeConflict = QueryErrorDetail(rawValue: "VariableTypeConflict")

    // kgq's own detail codes.
    /// `MATCH … RETURN`-less statements and `WITH` at the end of a query.
    public static let missingReturn = QueryErrorDetail(rawValue: "MissingReturn")
    public static let unsupportedFeature = QueryErrorDetail(rawValue: "UnsupportedFeature")
    public static let expressionTooDeep = QueryErrorDetail(rawValue: "ExpressionTooDeep")
    public static let patternTooLarge = QueryErrorDetail(rawValue: "PatternTooLarge")
    public static let createFailed = QueryErrorDetail(rawValue: "CreateFailed")
    public static let functionFailed = QueryErrorDetail(rawValue: "FunctionFailed")
    public static let pluginFunctionFailed = QueryErrorDetail(rawValue: "PluginFunctionFailed")
    public static let interrupted = QueryErrorDetail(rawValue: "Interrupted")
    public static let timeout = QueryErrorDetail(rawValue: "Timeout")
    public static let tooManyRows = QueryErrorDetail(rawValue: "TooManyRows")
    public static let tooManyExpansions = QueryErrorDetail(rawValue: "TooManyExpansions")
    public static let valueTooLarge = QueryErrorDetail(rawValue: "ValueTooLarge")
    public static let valueTooDeep = QueryErrorDetail(rawValue: "ValueTooDeep")
}
