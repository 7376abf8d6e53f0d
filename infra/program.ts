import * as pulumi from "@pulumi/pulumi";
import { type Clock, systemClock } from "./catalog/lifecycle";
import { loadStackConfig } from "./config/load";
import { OpenAiPlatform } from "./components/platform";

export interface ProgramOptions {
    /** Supplies "now" for lifecycle checks and secret expiry; the offline plan and tests fix it. */
    readonly clock?: Clock;
}

/**
 * The Pulumi program: validate the stack's configuration (before any resource is registered), then
 * build the platform and return the stack outputs. No secret value is ever an output.
 */
export function main(options: ProgramOptions = {}): Record<string, unknown> {
    const now = (options.clock ?? systemClock)();
    const { config, warnings } = loadStackConfig(now);
    for (const warning of warnings) {
        void pulumi.log.warn(warning);
    }
    const platform = new OpenAiPlatform("aoai", { config, now });
    return {
        resourceGroupName: platform.resourceGroupName,
        regions: Object.fromEntries(
            Object.entries(platform.accounts).map(([region, account]) => [
                region,
                { endpoint: account.endpoint, deploymentsByFamily: account.deploymentNamesByFamily },
            ]),
        ),
        vaultUri: platform.vault.vaultUri,
        secretNames: platform.secretNames,
        applicationIdentityClientId: platform.applicationIdentity.clientId,
    };
}
