import Foundation

/// `slug(text [, separator])`: "Klantenservice­medewerker (m/v)" → "klantenservicemedewerker-m-v".
/// Accents are removed (å → a, ë → e), everything but ASCII letters and digits separates words.
/// Null in, null out, as openCypher functions do.
enum Slug {
    /// Takes the arguments as a JSON array, answers with a JSON value (as C text, kept alive
    /// by the caller's copy before the next call).
    static func call(argumentsJSON: Data) -> Result<String, PluginError> {
        guard let arguments = try? JSONSerialization.jsonObject(with: argumentsJSON, options: [.fragmentsAllowed]) as? [Any],
              !arguments.isEmpty else {
            return .failure(PluginError(message: "expected the arguments as a JSON array"))
        }
        if arguments[0] is NSNull { return .success("null") }
        guard let text = arguments[0] as? String else {
            return .failure(PluginError(message: "expects a string but got \(typeName(arguments[0]))"))
        }
        var separator = "-"
        if arguments.count > 1 {
            guard let s = arguments[1] as? String else {
                return .failure(PluginError(message: "the separator must be a string but got \(typeName(arguments[1]))"))
            }
            separator = s
        }
        let slug = slug(text, separator: separator)
        guard let data = try? JSONSerialization.data(withJSONObject: slug, options: [.fragmentsAllowed]),
              let json = String(data: data, encoding: .utf8) else {
            return .failure(PluginError(message: "could not encode the result"))
        }
        return .success(json)
    }

    static func slug(_ text: String, separator: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            // Invisible format characters (a soft hyphen in "Kundtjänst­medarbetare") join, not split.
            if scalar.properties.generalCategory == .format { continue }
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: separator)
    }

    static func typeName(_ value: Any) -> String {
        switch value {
        case is String: return "a string"
        case is NSNumber: return "a number"
        case is [Any]: return "a list"
        case is [String: Any]: return "a map"
        default: return "a value"
        }
    }
}
