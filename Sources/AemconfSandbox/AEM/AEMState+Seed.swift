/// The default AEM content: admin user, `authentication-service`, the `administrators` group, the Target cloud-service
/// template, component and dialog (aem.md §4).
extension AEMState {
    /// Path of the Target cloud-service configurations (aem.md §4.1).
    public static let targetConfigurationRoot = "/etc/cloudservices/testandtarget"
    /// The Target configuration template (aem.md §4.1).
    public static let targetTemplate = "/libs/cq/analytics/templates/testandtarget"
    /// The Target configuration page component (aem.md §4.1).
    public static let targetComponent = "/libs/cq/analytics/components/testandtargetpage"

    /// The default AEM seed: SP20, `admin`/`admin`, the `authentication-service` system user, the
    /// Target cloud-service root, template, component and dialog.
    public static func defaultSeed(servicePack: Int = 20) -> AEMState {
        var state = AEMState(servicePack: servicePack)
        state.addUser(AEMUser(id: "admin", password: "admin", path: "/home/users/a/admin", isAdmin: true))
        state.addUser(
            AEMUser(
                id: "authentication-service",
                password: nil,
                path: "/home/users/system/authentication-service",
                isAdmin: false
            )
        )
        // Groups live beside users (aem.md §1.1); `administrators` is the one group every author has a node for.
        let administrators = "/home/groups/a/administrators"
        state.ensureNode(administrators, primaryType: "rep:Group", intermediateType: "rep:AuthorizableFolder")
        state.setProperty("rep:authorizableId", .string("administrators"), at: administrators)
        state.setProperty("rep:principalName", .string("administrators"), at: administrators)
        state.ensureNode("/apps/system/config", primaryType: "sling:Folder", intermediateType: "sling:Folder")
        state.ensureNode("/content", primaryType: "sling:OrderedFolder")
        state.ensureNode(
            "/conf/global/settings/wcm/segments", primaryType: "sling:Folder", intermediateType: "sling:Folder")

        state.ensureNode("/etc/cloudservices", primaryType: "sling:Folder", intermediateType: "sling:Folder")
        // The segmentation folder where imported Target audiences live (SandboxAssumptions.Item.aemSegmentLayout).
        state.ensureNode(
            SandboxAssumptions.segmentationRoot, primaryType: "sling:Folder", intermediateType: "sling:Folder")
        state.ensureNode(targetConfigurationRoot, primaryType: "cq:Page")
        let rootContent = targetConfigurationRoot + "/jcr:content"
        state.ensureNode(rootContent, primaryType: "cq:PageContent")
        state.setProperty("jcr:title", .string("Adobe Target"), at: rootContent)
        state.setProperty(
            "sling:resourceType", .string("cq/cloudserviceconfigs/components/servicepage"), at: rootContent)

        state.ensureNode(targetTemplate, primaryType: "cq:Template", intermediateType: "nt:folder")
        state.setProperty("jcr:title", .string("Adobe Target Configuration"), at: targetTemplate)
        state.setProperty("allowedPaths", .strings([targetConfigurationRoot + "(/.*)?"]), at: targetTemplate)
        state.ensureNode(targetTemplate + "/jcr:content", primaryType: "cq:PageContent")
        state.setProperty(
            "sling:resourceType",
            .string("cq/analytics/components/testandtargetpage"),
            at: targetTemplate + "/jcr:content"
        )

        state.ensureNode(targetComponent, primaryType: "cq:Component", intermediateType: "nt:folder")
        state.setProperty("jcr:title", .string("Adobe Target Configuration Page"), at: targetComponent)
        state.addTargetDialog()
        return state
    }

    /// The classic (ExtJS) dialog of the Target page component; field names are
    /// ``SandboxAssumptions/targetDialogFields`` (aem.md §4.2, [U]).
    private mutating func addTargetDialog() {
        let dialog = Self.targetComponent + "/dialog"
        ensureNode(dialog, primaryType: "cq:Dialog")
        setProperty("title", .string("Adobe Target Settings"), at: dialog)
        setProperty("xtype", .string("dialog"), at: dialog)
        ensureNode(dialog + "/items", primaryType: "cq:TabPanel")
        setProperty("xtype", .string("tabpanel"), at: dialog + "/items")
        let tab = dialog + "/items/items/tab1_general"
        ensureNode(dialog + "/items/items", primaryType: "cq:WidgetCollection")
        ensureNode(tab, primaryType: "cq:Panel")
        setProperty("title", .string("General"), at: tab)
        ensureNode(tab + "/items", primaryType: "cq:WidgetCollection")
        for field in SandboxAssumptions.targetDialogFields {
            var nodeName = String(field.field.dropFirst(2))
            if field.field == "./a4tAnalyticsConfig" { nodeName = "a4tAnalyticsConfig" }
            if field.field == "./public/at.js" { nodeName = "customAtJs" }
            let widget = tab + "/items/" + nodeName
            ensureNode(widget, primaryType: "cq:Widget")
            setProperty("name", .string(field.field), at: widget)
            setProperty("fieldLabel", .string(field.label), at: widget)
            switch field.xtype {
            case "checkbox":
                setProperty("xtype", .string("selection"), at: widget)
                setProperty("type", .string("checkbox"), at: widget)
                setProperty("inputValue", .string("true"), at: widget)
                setProperty(
                    "defaultValue",
                    .boolean(SandboxAssumptions.targetDialogCheckedByDefault.contains(field.field)),
                    at: widget
                )
            case "selection":
                setProperty("xtype", .string("selection"), at: widget)
                setProperty("type", .string("select"), at: widget)
                for (index, option) in (SandboxAssumptions.targetDialogOptions[field.field] ?? []).enumerated() {
                    let optionPath = widget + "/options/o\(index + 1)"
                    ensureNode(optionPath, primaryType: "nt:unstructured", intermediateType: "cq:WidgetCollection")
                    setProperty("value", .string(option.value), at: optionPath)
                    setProperty("text", .string(option.text), at: optionPath)
                }
            default:
                setProperty("xtype", .string(field.xtype), at: widget)
            }
        }
    }
}
