import CRsvg

/// Rasterises an SVG document to a PNG through librsvg and cairo, for graphs sent as pictures
/// (mail, exports). Each call owns its handle, surface and context and frees them on every
/// path, with no state shared between calls, so it may run on many threads at once.
public enum PNGRenderer {
    /// The largest side of a picture, in pixels (cairo draws up to 32,767).
    public static let maximumSide = 8_192
    /// The most pixels a picture has: 32 million, 128 MB while it is drawn.
    public static let maximumPixels = 32 * 1_024 * 1_024

    /// `svg` drawn on a white `width` × `height` picture (the document scaled to fit, keeping its
    /// proportions), as PNG bytes; throws a ``GraphRenderingError`` when the SVG is not valid, the
    /// size is beyond ``maximumSide`` or ``maximumPixels``, or the picture cannot be made.
    public static func png(fromSVG svg: String, width: Int, height: Int) throws -> [UInt8] {
        guard (1...maximumSide).contains(width), (1...maximumSide).contains(height), width * height <= maximumPixels
        else {
            throw GraphRenderingError("Taille d'image invalide : \(width) × \(height)")
        }
        let data = Array(svg.utf8)
        guard !data.isEmpty else { throw GraphRenderingError("SVG vide") }

        var error: UnsafeMutablePointer<GError>?
        let created = data.withUnsafeBufferPointer { bytes in
            rsvg_handle_new_from_data(bytes.baseAddress, gsize(bytes.count), &error)
        }
        guard let handle = created else {
            throw GraphRenderingError("SVG illisible : \(consume(&error) ?? "erreur inconnue")")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw GraphRenderingError("Surface cairo impossible à créer")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "Surface cairo")

        guard let context = cairo_create(surface) else { throw GraphRenderingError("Contexte cairo impossible à créer") }
        defer { cairo_destroy(context) }
        try check(cairo_status(context), "Contexte cairo")

        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(width), height: Double(height))
        guard rsvg_handle_render_document(handle, context, &viewport, &error) != 0 else {
            throw GraphRenderingError("Rendu SVG impossible : \(consume(&error) ?? "erreur inconnue")")
        }
        try check(cairo_status(context), "Rendu cairo")
        cairo_surface_flush(surface)

        var png: [UInt8] = []
        png.reserveCapacity(width * height / 4)
        let status = withUnsafeMutablePointer(to: &png) { output in
            cairo_surface_write_to_png_stream(
                surface,
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    let output = closure.assumingMemoryBound(to: [UInt8].self)
                    output.pointee.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
                    return CAIRO_STATUS_SUCCESS
                }, output)
        }
        try check(status, "Écriture PNG")
        return png
    }

    /// Throws when `status` is not a success, with cairo's words for it.
    private static func check(_ status: cairo_status_t, _ step: String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        let reason = cairo_status_to_string(status).map { String(cString: $0) } ?? "erreur \(status.rawValue)"
        throw GraphRenderingError("\(step) : \(reason)")
    }

    /// The message of `error`, which is then freed and cleared; nil without an error.
    private static func consume(_ error: inout UnsafeMutablePointer<GError>?) -> String? {
        guard let pointer = error else { return nil }
        defer {
            g_error_free(pointer)
            error = nil
        }
        return pointer.pointee.message.map { String(cString: $0) }
    }
}
