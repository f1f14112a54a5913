import MyOpenIPRPC
import SwiftProtobuf

extension Google_Protobuf_FieldMask {
    /// The fields a partial update names, each one of `updatable`. An empty mask, or a path
    /// that is not an updatable field, is INVALID_ARGUMENT naming `field`: a mask is never
    /// guessed, so an update changes exactly what its caller listed.
    func checkedPaths(_ updatable: Set<String>, field: String = "update_mask") throws(RPCError) -> Set<String> {
        guard !paths.isEmpty else {
            throw RPCError(
                .invalidArgument, "\(field) names no field to change (fields: \(updatable.sorted().joined(separator: ", ")))",
                reason: "UPDATE_MASK_EMPTY", field: field)
        }
        for path in paths where !updatable.contains(path) {
            throw RPCError(
                .invalidArgument,
                "\(field): \"\(path)\" is not a field that can be changed (fields: \(updatable.sorted().joined(separator: ", ")))",
                reason: "UPDATE_MASK_INVALID", field: field)
        }
        return Set(paths)
    }
}
