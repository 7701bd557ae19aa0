import AemconfModel
import AemconfPlanner
import AemconfProviders
import Foundation

/// `aemconf doctor`: the read-only pre-flight chain. AEM reachable and its service pack; each IMS configuration's
/// token request; each Target cloud service's IMS reference, a read of Target's Admin API with that token, tenant
/// id against client code, the A4T configuration and AEM's segment import switch. Nothing is written anywhere.
public struct Doctor: Sendable {
    /// The drivers' context (its journal must be read-only: ``ReadOnlyJournal``).
    public let context: DriverContext

    /// Creates a doctor.
    public init(context: DriverContext) {
        self.context = context
    }

    /// Runs every link; a link whose prerequisite failed is not run.
    public func run() async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let aem = await checkAEM()
        checks.append(aem)
        for configuration in context.config.config.imsConfigurations {
            checks.append(await checkToken(configuration))
        }
        guard aem.passed else { return checks }
        for service in context.config.config.targetCloudServices {
            checks += await checkCloudService(service)
        }
        return checks
    }

    // MARK: - AEM

    private func checkAEM() async -> DoctorCheck {
        let session = context.session
        do {
            let info = try await session.aem.discoverProductInfo()
            let release = info.servicePack.map { "AEM 6.5 SP\($0)" } ?? "AEM (service pack unknown)"
            let oauthUsers = context.config.config.imsConfigurations.filter { ims in
                ims.integration.flatMap { context.config.ioIntegrations[$0.name] }?.credential != .jwt
            }
            if let pack = info.servicePack, pack < ServiceAssumptions.aemIMSHotfixAssumedFrom,
                let first = oauthUsers.first
            {
                return .fail(
                    "aem", "aem", "\(release) reachable; OAuth Server-to-Server IMS configurations are not supported",
                    FailureCause.oauthUnsupported(first.address))
            }
            let oauth: String
            switch info.servicePack {
            case let pack? where pack >= ServiceAssumptions.oauthMinimumServicePack:
                oauth = "OAuth Server-to-Server IMS configurations supported (JWT no longer accepted)"
            case let pack? where pack >= ServiceAssumptions.aemIMSHotfixAssumedFrom:
                oauth = "OAuth Server-to-Server IMS configurations supported with the IMS hotfix (assumed installed)"
            case .some:
                oauth = "OAuth Server-to-Server IMS configurations not supported (JWT only)"
            case nil:
                oauth = "OAuth support unknown"
            }
            return .pass("aem", "aem", "\(release) reachable; \(oauth)")
        } catch let error as ServiceError {
            return .fail("aem", "aem", String(describing: error), FailureCause.aemReach(error))
        } catch {
            return .fail("aem", "aem", String(describing: error), FailureCause.aemReach(nil))
        }
    }

    // MARK: - IMS

    private func imsDriver(_ name: String) -> IMSConfigurationDriver {
        IMSConfigurationDriver(
            configuration: context.config.imsConfigurations[name] ?? IMSConfiguration(name: name, title: ""),
            context: context
        )
    }

    /// A credential aemconf holds, or the failed check saying why there is none.
    private enum Held {
        case found(IMSCredential)
        case missing(DoctorCheck)
    }

    /// The credential aemconf holds for an IMS configuration, or the failed check saying why there is none.
    private func heldCredential(for name: String, link: String, subject: String) async -> Held {
        do {
            return .found(try await imsDriver(name).credentialValues(resolving: false).ims)
        } catch let error as EngineError {
            let cause: FailureCause
            switch error {
            case .stateKeyRequired:
                cause = FailureCause.stateKeyMissing
            default:
                cause = FailureCause.credentialNotInState(imsConfiguration: name)
            }
            return .missing(.fail(link, subject, String(describing: error), cause))
        } catch {
            return .missing(
                .fail(
                    link, subject, String(describing: error),
                    FailureCause.stateUnreadable))
        }
    }

    private func checkToken(_ configuration: IMSConfiguration) async -> DoctorCheck {
        let subject = configuration.address.description
        let credential: IMSCredential
        switch await heldCredential(for: configuration.name, link: "ims-token", subject: subject) {
        case .found(let found): credential = found
        case .missing(let check): return check
        }
        do {
            let tokens = await context.session.tokens(for: credential)
            await tokens.invalidateAll()
            _ = try await tokens.token()
            return .pass("ims-token", subject, "IMS issued a token for client id '\(credential.clientID)'")
        } catch let error as ServiceError {
            let cause =
                FailureCause.imsToken(error)
                ?? FailureCause.imsRefused
            return .fail("ims-token", subject, String(describing: error), cause)
        } catch {
            return .fail(
                "ims-token", subject, String(describing: error),
                FailureCause.imsRefused)
        }
    }

    // MARK: - Target cloud services

    private func checkCloudService(_ service: TargetCloudService) async -> [DoctorCheck] {
        let subject = service.address.description
        let aem = context.session.aem
        let pageName =
            await context.journal.current(service.address)?.remoteIDs["pageName"] ?? service.effectivePageName
        let path = AEMClient.targetCloudServicePath(pageName)
        var checks: [DoctorCheck] = []
        let live: [String: JSONValue]
        do {
            guard let properties = try await aem.readTargetCloudService(name: pageName) else {
                return [
                    .fail(
                        "ims-reference", subject, "the page '\(path)' does not exist",
                        FailureCause.cloudServiceMissing)
                ]
            }
            let names = try await aem.discoverTargetFieldNames()
            live = TargetCloudServiceObservation.attributes(properties, names: names, pageName: pageName, prior: nil)
            let reference = live[AttributeName.imsConfiguration]?.stringValue ?? ""
            let providers = try await aem.configurationPIDs(
                factoryPID: ServiceAssumptions.accessTokenProviderFactoryPID)
            if providers.contains(reference) {
                checks.append(.pass("ims-reference", subject, "refers to the live IMS configuration '\(reference)'"))
            } else {
                checks.append(
                    .fail(
                        "ims-reference", subject,
                        "'\(path)' refers to IMS configuration '\(reference)', which does not exist in AEM",
                        FailureCause.imsReferenceBroken
                    ))
            }
        } catch {
            let cause = (error as? ServiceError).map(FailureCause.aemReach) ?? FailureCause.aemReach(nil)
            return [.fail("ims-reference", subject, String(describing: error), cause)]
        }
        let tenant = live[AttributeName.tenantId]?.stringValue ?? service.effectiveTenantId
        let clientCode = live[AttributeName.clientCode]?.stringValue ?? service.clientCode
        checks.append(await checkTargetRead(service, tenant: tenant))
        if tenant == clientCode {
            checks.append(.pass("tenant", subject, "tenant id and client code are both '\(tenant)'"))
        } else {
            checks.append(
                .fail(
                    "tenant", subject, "tenant id '\(tenant)' differs from client code '\(clientCode)'",
                    FailureCause.tenantDiffers))
        }
        if let a4t = service.a4tAnalyticsConfiguration {
            checks.append(await checkA4T(a4t, subject: subject))
        }
        if service.segmentSync?.mode == .aem {
            if live[AttributeName.segmentSync]?.boolValue == true {
                checks.append(.pass("segment-import", subject, "AEM's segment import from Target is switched on"))
            } else {
                checks.append(
                    .fail(
                        "segment-import", subject, "AEM's segment import switch is off on '\(path)'",
                        FailureCause.segmentImportOff))
            }
        }
        return checks
    }

    private func checkTargetRead(_ service: TargetCloudService, tenant: String) async -> DoctorCheck {
        let subject = service.address.description
        let credential: IMSCredential
        switch await heldCredential(for: service.imsConfiguration.name, link: "target-read", subject: subject) {
        case .found(let found): credential = found
        case .missing(let check): return check
        }
        do {
            let target = await context.session.target(tenant: tenant, credential: credential)
            try await target.checkConnection()
            return .pass("target-read", subject, "Target's Admin API answers tenant '\(tenant)' with this credential")
        } catch let error as ServiceError {
            let cause =
                FailureCause.targetRead(error, tenant: tenant)
                ?? FailureCause.imsToken(error)
                ?? FailureCause.targetRefused
            return .fail("target-read", subject, String(describing: error), cause)
        } catch {
            return .fail(
                "target-read", subject, String(describing: error),
                FailureCause.targetRefused)
        }
    }

    private func checkA4T(_ path: String, subject: String) async -> DoctorCheck {
        do {
            if try await context.session.aem.readJSON(path, step: "reading the A4T configuration '\(path)'") != nil {
                return .pass("a4t", subject, "the A4T configuration '\(path)' exists")
            }
            return .fail(
                "a4t", subject, "the A4T configuration '\(path)' does not exist in AEM",
                FailureCause.a4tMissing)
        } catch {
            return .fail(
                "a4t", subject, String(describing: error),
                (error as? ServiceError).map(FailureCause.aemReach) ?? FailureCause.aemReach(nil))
        }
    }
}
