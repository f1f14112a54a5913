/// How a data link reaches the site.
public enum AccessType: String, Sendable, Hashable, CaseIterable {
    /// Dedicated fibre (FTTO).
    case fiberDedicated = "fiber_dedicated"
    /// Shared fibre (FTTH).
    case fiberShared = "fiber_shared"
    case sdsl
    case vdsl
    case adsl
    /// 4G or 5G.
    case cellular
    case satellite

    public var label: String {
        switch self {
        case .fiberDedicated: "Fibre dédiée (FTTO)"
        case .fiberShared: "Fibre mutualisée (FTTH)"
        case .sdsl: "SDSL"
        case .vdsl: "VDSL"
        case .adsl: "ADSL"
        case .cellular: "4G/5G"
        case .satellite: "Satellite"
        }
    }
}
