/// Why a graph could not be rendered: librsvg refused the SVG, or cairo could not draw or
/// encode the picture. `message` says which, with the library's own words when it gave any.
public struct GraphRenderingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
