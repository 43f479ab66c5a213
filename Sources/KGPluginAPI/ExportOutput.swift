/// What an exporter produced: one file's bytes, or several named files (CSV writes two).
public struct ExportOutput: Sendable, Hashable {
    /// One output file. `name` is nil for the single file of a one-file format; the caller
    /// decides where it goes (`-o FILE` or stdout).
    public struct File: Sendable, Hashable {
        public var name: String?
        public var bytes: [UInt8]
        public init(name: String? = nil, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    public var files: [File]

    public init(files: [File]) { self.files = files }

    /// A single unnamed text file.
    public init(text: String) { self.files = [File(bytes: Array(text.utf8))] }
}
