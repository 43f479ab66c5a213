/// The few escape sequences the renderers use; applied only when colour was asked for.
enum ANSI {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"

    static func wrap(_ s: String, _ code: String, if on: Bool) -> String { on ? code + s + reset : s }
}
