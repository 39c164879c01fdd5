/// Why the HTTP server stopped or could not start.
public enum HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The socket could not be bound (address in use, unknown host, no permission).
    case cannotListen(host: String, port: Int, underlying: String)
    /// The server ran and has stopped; its port is released.
    case stopped

    public var description: String {
        switch self {
        case .cannotListen(let host, let port, let underlying):
            "cannot serve HTTP on \(host):\(port): \(underlying); choose a free address with http.host and http.port (WARDEN_HTTP_HOST, WARDEN_HTTP_PORT)"
        case .stopped:
            "the HTTP server has stopped"
        }
    }
}
