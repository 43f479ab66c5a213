import Foundation

/// Shows long text through the user's pager ($PAGER, run by /bin/sh), or prints it when
/// there is none or it cannot be started.
enum Pager {
    static func show(_ text: String, command: String?) {
        guard let command else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let pipe = Pipe()
        p.standardInput = pipe
        do {
            try p.run()
        } catch {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        pipe.fileHandleForWriting.write(Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        p.waitUntilExit()
    }
}
