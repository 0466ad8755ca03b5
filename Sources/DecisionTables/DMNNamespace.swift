/// The XML namespaces of the DMN versions this module reads.
enum DMNNamespace {
    /// Model namespaces by DMN version, as the specifications write them. The reader also
    /// accepts each with the other URI scheme and with or without the trailing slash, because
    /// modelling tools differ in both.
    static let versions: [(version: String, uri: String)] = [
        ("1.1", "http://www.omg.org/spec/DMN/20151101/dmn.xsd"),
        ("1.2", "http://www.omg.org/spec/DMN/20180521/MODEL/"),
        ("1.3", "https://www.omg.org/spec/DMN/20191111/MODEL/"),
        ("1.4", "https://www.omg.org/spec/DMN/20211108/MODEL/"),
        ("1.5", "https://www.omg.org/spec/DMN/20230324/MODEL/"),
    ]

    /// Returns the DMN version whose model namespace is `uri`, or nil for any other URI.
    static func version(of uri: String?) -> String? {
        guard let uri else { return nil }
        let key = comparisonKey(uri)
        return versions.first { comparisonKey($0.uri) == key }?.version
    }

    private static func comparisonKey(_ uri: String) -> String {
        var key = Substring(uri)
        for scheme in ["https://", "http://"] where key.hasPrefix(scheme) {
            key = key.dropFirst(scheme.count)
        }
        while key.hasSuffix("/") { key = key.dropLast() }
        return String(key)
    }
}
