/// The bound tree of a statement for engines that compile it elsewhere (KGSpark turns it into
/// Spark SQL): parsed and checked exactly as the in-memory engine does, so both engines accept
/// the same statements and report the same compile-time errors.
extension BoundStatement {
    /// Parses and binds `text`; throws the same `QueryError`s as `QuerySession.run` at compile time.
    ///
    ///     let bound = try BoundStatement.bind("MATCH (r:Role) RETURN r.name")
    public static func bind(_ text: String, functions: FunctionRegistry = .builtins) throws(QueryError) -> BoundStatement {
        let source = SourceText(text)
        let statement = try Parser.parse(source)
        var binder = Binder(source: source, functions: functions)
        return try binder.bind(statement)
    }
}
