/// The folder part of a file path, computed on the text alone.
enum ParentFolder {
    /// Returns the folder that contains `path`: `a/b` for `a/b/c.sqlite`, `/` for `/c.sqlite`,
    /// and an empty string for a bare file name such as `c.sqlite` or `q`. Trailing slashes of
    /// `path` are ignored.
    ///
    /// NOTE: `NSString.deletingLastPathComponent` is not used because in swift-corelibs-foundation
    /// of Swift 6.3.1 it crashes on one-character paths such as `q` or `d/`.
    static func of(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(Substring(path))
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }

        let folder = withoutTrailingSlashes(trimmed[..<slash])
        return folder.isEmpty ? "/" : String(folder)
    }

    /// Drops trailing slashes but keeps a lone `/`.
    private static func withoutTrailingSlashes(_ text: Substring) -> Substring {
        var result = text
        while result.count > 1, result.hasSuffix("/") { result = result.dropLast() }
        return result
    }
}
