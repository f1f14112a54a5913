/// What a contact of a quote is asked for (step 2 of an order, « informations complémentaires »).
public enum ContactFunction: String, Sendable, Hashable, CaseIterable, Comparable {
    /// « Intervention sur site »: the supplier's technician calls them for the appointment.
    case onSiteIntervention = "on_site_intervention"
    /// « Livraison de matériel »: they receive the router or modem.
    case equipmentDelivery = "equipment_delivery"
    /// « Suivi de commande »: the deployment team asks them for details and tells them of rejections.
    case orderFollowUp = "order_follow_up"

    /// The guide's column title.
    public var label: String {
        switch self {
        case .onSiteIntervention: "Intervention sur site"
        case .equipmentDelivery: "Livraison de matériel"
        case .orderFollowUp: "Suivi de commande"
        }
    }

    public static func < (lhs: ContactFunction, rhs: ContactFunction) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
