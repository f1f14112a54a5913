/// A site as it was when quoted or ordered.
public struct SiteSnapshot: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var street: String
    public var complement: String
    public var postcode: String
    public var city: String
    public var country: String

    public init(id: Int64, name: String, street: String, complement: String, postcode: String, city: String, country: String) {
        self.id = id
        self.name = name
        self.street = street
        self.complement = complement
        self.postcode = postcode
        self.city = city
        self.country = country
    }
}
