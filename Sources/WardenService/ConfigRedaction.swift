/// Which librdkafka properties are secrets, so `warden config check` (and any log of the
/// effective configuration) never prints passwords, keys or JAAS configs.
public enum ConfigRedaction {
    /// Any property whose name contains one of these (case-insensitive) is a secret. Broad on
    /// purpose: `ssl.key.location` is not secret, but hiding it costs nothing.
    public static let markers = ["password", "secret", "sasl.jaas", "key"]
    public static let mask = "***"

    public static func isSecret(_ property: String) -> Bool {
        let name = property.lowercased()
        return markers.contains { name.contains($0) }
    }

    /// `value`, or the mask when `property` is a secret.
    public static func display(_ property: String, _ value: String) -> String {
        isSecret(property) ? mask : value
    }
}
