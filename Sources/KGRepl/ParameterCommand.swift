import Foundation
import KGCore
import KGQuery

/// `:param`, in cypher-shell's forms: `:param name => expr`, `:param {name: expr, …}`, and the
/// shorter `:param name expr` / `:param name: expr`; `:param name` removes `$name`. Values are
/// Cypher expressions evaluated by the query engine (so `:param d => date('2020-05')` and
/// `:param m => $n * 2` work); what does not parse or evaluate is refused with the position in
/// the command and nothing is set.
struct ParameterCommand {
    /// What the command asks for.
    enum Action: Equatable {
        case set(name: String, expression: String, column: Int)
        case setMap(expression: String, column: Int)
        case remove(String)
    }

    /// The command line as typed (`:param …`), for error carets.
    let line: String
    /// Where the arguments start in `line` (0-based).
    let argumentsStart: Int

    /// `rest` is the text after the command's name.
    init(rest: String) {
        line = ":param" + rest
        argumentsStart = 6
    }

    func parse() throws(Diagnostic) -> Action {
        let chars = Array(line)
        var i = argumentsStart
        func skipSpaces() { while i < chars.count && chars[i].isWhitespace { i += 1 } }
        skipSpaces()
        guard i < chars.count else { throw ReplCommand.usage("param") }
        if chars[i] == "{" { return .setMap(expression: String(chars[i...]), column: i + 1) }
        let nameStart = i
        let name: String
        if chars[i] == "`" {
            guard let close = chars[(i + 1)...].firstIndex(of: "`") else {
                throw error("a parameter name opened with ` is not closed", column: i + 1, help: "close it: :param `my name` => 1")
            }
            name = String(chars[(i + 1)..<close])
            i = close + 1
        } else {
            while i < chars.count && (chars[i].isLetter || chars[i].isNumber || chars[i] == "_") { i += 1 }
            name = String(chars[nameStart..<i])
            guard let first = name.first, !first.isNumber, i == chars.count || chars[i].isWhitespace || chars[i] == "=" || chars[i] == ":" else {
                let word = String(chars[nameStart...].prefix { !$0.isWhitespace })
                throw error("'\(word)' is not a parameter name", column: nameStart + 1,
                            help: "a name is letters, digits and _ (or `quoted`), not starting with a digit: :param limit => 10, or several at once: :param {a: 1, b: 'x'}")
            }
        }
        guard !name.isEmpty else { throw error("a parameter name is empty", column: nameStart + 1, help: "name it: :param n => 3") }
        skipSpaces()
        if i == chars.count { return .remove(name) }
        if chars[i] == "=" && i + 1 < chars.count && chars[i + 1] == ">" {
            i += 2
        } else if chars[i] == ":" {
            i += 1
        }
        skipSpaces()
        guard i < chars.count else {
            throw error("no value after the name", column: i + 1, help: "give a Cypher expression: :param \(name) => 3, or :param \(name) to remove it")
        }
        return .set(name: name, expression: String(chars[i...]), column: i + 1)
    }

    /// Evaluates `expression` with the session's engine (on a copy: nothing it does stays),
    /// mapping an error's position back into the command line.
    func evaluate(_ expression: String, column: Int, in session: QuerySession) throws(Diagnostic) -> QueryValue {
        // The line break before ')' ends a trailing // comment; the parentheses keep
        // `1 AS x` or `1, 2` from passing as one value.
        let prefix = "RETURN ("
        var copy = session
        do {
            let r = try copy.run(prefix + expression + "\n)")
            guard r.columns.count == 1, r.rows.count == 1, let v = r.rows.first?.first else {
                throw error("the value must be one expression", column: column, help: nil)
            }
            return v
        } catch let e as Diagnostic {
            throw e
        } catch let e as QueryError {
            var at = column
            var message = e.message
            if e.line == 1, let c = e.column {
                at = column + max(0, c - 1 - prefix.count)
            } else if e.line == 2 {
                // The parser met the ')' kgq added: the expression stopped short.
                at = line.count + 1
                message = message.replacingOccurrences(of: "found ')'", with: "found the end of the command")
            }
            var help = e.help
            if e.detail == .undefinedVariable {
                help = (help.map { $0 + "; " } ?? "") + "a string needs quotes (:param who => 'agent'), a parameter a $ ($n)"
            }
            throw error("not a value: \(e.type) (\(e.detail)): \(message)", column: at, help: help)
        } catch {
            throw self.error("not a value: \(error)", column: column, help: nil)
        }
    }

    /// Runs the command on `session`.
    func run(on session: inout QuerySession) throws(Diagnostic) {
        switch try parse() {
        case .remove(let name):
            session.parameters[name] = nil
        case .set(let name, let expression, let column):
            session.parameters[name] = try evaluate(expression, column: column, in: session)
        case .setMap(let expression, let column):
            guard case .map(let entries) = try evaluate(expression, column: column, in: session) else {
                throw error("{…} must be a map of names to values", column: column, help: "like :param {limit: 10, who: 'agent'}")
            }
            for (k, v) in entries { session.parameters[k] = v }
        }
    }

    func error(_ message: String, column: Int, help: String?) -> Diagnostic {
        Diagnostic(.error, message, at: SourceLocation(file: "command", line: 1, column: column), lineText: line, help: help)
    }
}

extension QuerySession {
    /// `--param` of `kgq query` and the REPL: cypher-shell's `name => expr` (a Cypher
    /// expression, evaluated), or `name=value` (JSON when it parses, else a string).
    ///
    ///     try session.setParameter(flag: "limit => 2 * 5")   // $limit = 10
    ///     try session.setParameter(flag: "who=agent")        // $who = 'agent'
    public mutating func setParameter(flag: String) throws(Diagnostic) {
        if flag.contains("=>") {
            let command = ParameterCommand(rest: " " + flag)
            do {
                try command.run(on: &self)
            } catch {
                var e = error
                e.message = "--param '\(flag)': " + e.message
                throw e
            }
            return
        }
        guard let eq = flag.firstIndex(of: "=") else {
            throw Diagnostic(.error, "--param expects name=value or name => expression, got '\(flag)'",
                             help: "e.g. --param 'limit => 10' or --param who=agent")
        }
        let name = String(flag[..<eq]), raw = String(flag[flag.index(after: eq)...])
        do {
            parameters[name] = try ResultJSON.read(raw)
        } catch {
            // Not JSON: the text itself. JSON nested too deeply was meant as JSON: an error.
            if error.tooDeep {
                throw Diagnostic(.error, "--param \(name): \(error)", help: "give a value nested at most \(QueryLimits.maxValueDepth) levels deep")
            }
            parameters[name] = .string(raw)
        }
    }
}
