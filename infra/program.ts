import * as pulumi from "@pulumi/pulumi";
import { type Clock, familyOf, systemClock } from "./catalog/lifecycle";
import { loadStackConfig } from "./config/load";
import type { ValidatedConfig } from "./config/validate-stack";
import { OpenAiPlatform } from "./components/platform";

export interface ProgramOptions {
    /** Supplies "now" for lifecycle checks and secret expiry; the offline plan and tests fix it. */
    readonly clock?: Clock;
}

/**
 * Reads and validates the stack's configuration; throws one ConfigError (a RunError: no stack
 * trace) listing every problem. The offline plan calls it before the stack starts, so that a
 * configuration mistake registers nothing at all.
 */
export function validateConfiguration(options: ProgramOptions = {}): ValidatedConfig & { now: Date } {
    const now = (options.clock ?? systemClock)();
    return { ...loadStackConfig(now), now };
}

/**
 * The Pulumi program: validate the stack's configuration (before any resource is registered), then
 * build the platform and return the stack outputs. No secret value is ever an output.
 */
export function main(options: ProgramOptions = {}): Record<string, unknown> {
    const { config, warnings, now } = validateConfiguration(options);
    for (const warning of warnings) {
        void pulumi.log.warn(warning);
    }
    const platform = new OpenAiPlatform("aoai", { config, now });
    return {
        resourceGroupName: platform.resourceGroupName,
        regions: Object.fromEntries(
            Object.entries(platform.accounts).map(([region, account]) => [
                region,
                {
                    endpoint: account.endpoint,
                    deploymentsByFamily: account.deploymentNamesByFamily,
                    // What `npm run smoke` reports and advises with: which model answers (or not) and
                    // the capacity and filter to name when it is throttled or refused.
                    deployments: Object.entries(config.regions[region]?.deployments ?? {}).map(([name, d]) => ({
                        name,
                        family: familyOf(d) ?? null,
                        model: d.model,
                        version: d.version,
                        deploymentType: d.deploymentType,
                        capacity: d.capacity,
                        contentFilter: d.contentFilter,
                    })),
                    privateEndpoint: config.network.privateEndpoints.enabled,
                    // Whether a caller on the internet (a GitHub-hosted runner) is refused: the public
                    // endpoint is off, or the firewall denies what no rule allows. Non-secret, from config;
                    // the deploy workflow picks the smoke test's runner by it.
                    networkRestricted:
                        config.network.publicNetworkAccess === "Disabled" || config.network.defaultAction === "Deny",
                },
            ]),
        ),
        vaultUri: platform.vault.vaultUri,
        secretNames: platform.secretNames,
        applicationIdentityClientId: platform.applicationIdentity.clientId,
        ...(platform.gateway ? { gateway: { url: platform.gateway.gatewayUrl, teams: platform.gateway.teams } } : {}),
    };
}
