import Foundation

/// Shows long text through the user's pager ($PAGER, run by /bin/sh), or prints it when
/// there is none or it cannot be started.
enum Pager {
    static func show(_ text: String, command: String?) {
        guard let command else {
            CLI.out(text)
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
            CLI.out(text)
            return
        }
        pipe.fileHandleForWriting.write(Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        p.waitUntilExit()
    }
}
