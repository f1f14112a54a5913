import Foundation

/// How swift-protobuf and protobuf-c name what a proto file declares, and the names the
/// generated glue gives to services and methods.
enum Names {
    /// `myopenip.v1` + `ListSitesRequest` → `Myopenip_V1_ListSitesRequest` (nested: `Outer.Inner`).
    static func swiftMessage(package: String, path: [String]) -> String {
        let prefix = package.split(separator: ".").map { component in
            component.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        let head = (prefix + [path[0]]).joined(separator: "_")
        return ([head] + path.dropFirst()).joined(separator: ".")
    }

    /// `myopenip.v1` + `ListSitesRequest` → `Myopenip__V1__ListSitesRequest` (nested: `Outer__Inner`).
    static func cMessage(package: String, path: [String]) -> String {
        let prefix = package.split(separator: ".").map { component in
            component.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "_")
        }
        return (prefix + path).joined(separator: "__")
    }

    /// A C type name's lower-case form, as protobuf-c spells functions and descriptors:
    /// `Myopenip__V1__ListSitesRequest` → `myopenip__v1__list_sites_request`.
    static func cLower(_ typeName: String) -> String {
        typeName.components(separatedBy: "__").map(cSnake).joined(separator: "__")
    }

    /// protobuf-c's own lower-casing: an underscore only where an upper-case letter follows one
    /// that is not (`WhoAmIResponse` → `who_am_iresponse`).
    static func cSnake(_ name: String) -> String {
        var out = ""
        var previousWasUpper = true
        for character in name {
            if character.isUppercase {
                if !previousWasUpper { out.append("_") }
                previousWasUpper = true
            } else {
                previousWasUpper = false
            }
            out.append(contentsOf: character.lowercased())
        }
        return out
    }

    /// `ListSites` → `list_sites`, `WhoAmI` → `who_am_i`, `V1` → `v1`.
    static func snake(_ name: String) -> String {
        var out = ""
        for (index, character) in name.enumerated() {
            if character.isUppercase, index > 0, let previous = out.last, previous != "_" {
                out.append("_")
            }
            out.append(contentsOf: character.lowercased())
        }
        return out
    }

    /// `ListSites` → `listSites`, `WhoAmI` → `whoAmI`.
    static func lowerCamel(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }

    /// The Swift case of a proto enum value as swift-protobuf prints it (`companyRead`, `signedIn`).
    static func caseName(of printed: String) -> String { printed }

    /// `SiteService` → `Site`, `Health` → `Health`.
    static func stem(_ service: String) -> String {
        service.hasSuffix("Service") && service != "Service" ? String(service.dropLast("Service".count)) : service
    }

    /// The server protocol: `SiteService` → `SiteServiceProtocol`, `Health` → `HealthServiceProtocol`.
    static func serverProtocol(_ service: String) -> String { stem(service) + "ServiceProtocol" }

    /// The namespace of a service's method contracts: `SiteServiceContract`.
    static func contract(_ service: String) -> String { stem(service) + "ServiceContract" }

    /// The typed Swift client: `SiteService` → `SiteClient`.
    static func client(_ service: String) -> String { stem(service) + "Client" }

    /// The C wrapper of a method: `myopenip_site_service_list_sites`, `myopenip_health_check`.
    static func cFunction(service: String, method: String) -> String {
        "myopenip_" + snake(service) + "_" + snake(method)
    }
}
