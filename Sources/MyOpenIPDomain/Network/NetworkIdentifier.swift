/// The name the network gives an interface or a trunk ("par-pe1:xe-0/0/1.120", "SIP-TRK-0042"):
/// printable ASCII without spaces, 1 to 128 characters.
public enum NetworkIdentifier {
    public static let maximumLength = 128

    public static func checked(_ text: String, field: String) throws(DomainViolation) -> String {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumLength, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw NetworkViolation.identifierInvalid.on(field)
        }
        return text
    }
}
