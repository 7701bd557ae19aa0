import Hummingbird

/// `GET /system/console/status-productinfo.json` (aem.md §2.1, §9.1): the installed product and its
/// service pack, as the Felix status printer's lines.
enum AEMProductInfo {
    static func response(servicePack: Int) -> Response {
        AEMResponses.json(
            .array([
                .string("Installed Products"),
                .string("  Adobe Experience Manager (6.5.\(servicePack).0)"),
                .string(""),
            ])
        )
    }
}
