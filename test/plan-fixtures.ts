/** Crafted plan documents for the diff and picture tests: small, in memory, no Pulumi run. */
import type { PlanLike, PolicyReport } from "../plan/diff";
import type { PlanResourceEntry } from "../plan/plan";

export const PROJECT = "aoai-platform";
export const STACK = "prod";

export const TYPES = {
    platform: "aoai:platform:OpenAiPlatform",
    accountComponent: "aoai:platform:OpenAiAccount",
    vaultComponent: "aoai:platform:ConnectionVault",
    resourceGroup: "azure-native:resources:ResourceGroup",
    account: "azure-native:cognitiveservices:Account",
    deployment: "azure-native:cognitiveservices:Deployment",
    vault: "azure-native:keyvault:Vault",
    secret: "azure-native:keyvault:Secret",
    privateEndpoint: "azure-native:network:PrivateEndpoint",
    lock: "azure-native:authorization:ManagementLockByScope",
    roleAssignment: "azure-native:authorization:RoleAssignment",
    diagnostics: "azure-native:monitor:DiagnosticSetting",
    random: "random:index/randomString:RandomString",
} as const;

/** A URN as Pulumi builds it: the parent's type chain, then this type, then the name. */
export function urnOf(type: string, name: string, parent?: PlanResourceEntry): string {
    const chain = parent ? `${parent.urn.split("::")[2] ?? ""}$${type}` : type;
    return `urn:pulumi:${STACK}::${PROJECT}::${chain}::${name}`;
}

export function resource(
    type: string,
    name: string,
    options: {
        readonly parent?: PlanResourceEntry;
        readonly dependsOn?: readonly PlanResourceEntry[];
        readonly inputs?: Record<string, unknown>;
        readonly protect?: boolean;
    } = {},
): PlanResourceEntry {
    return {
        urn: urnOf(type, name, options.parent),
        type,
        name,
        parent: options.parent?.urn ?? null,
        dependsOn: (options.dependsOn ?? []).map((dep) => dep.urn).sort(),
        protect: options.protect ?? false,
        inputs: options.inputs ?? {},
    };
}

export function planOf(
    resources: readonly PlanResourceEntry[],
    extra: { outputs?: Record<string, unknown>; warnings?: string[]; policy?: PolicyReport } = {},
): PlanLike {
    return {
        project: PROJECT,
        stack: STACK,
        resources: [...resources].sort((a, b) => (a.urn < b.urn ? -1 : 1)),
        outputs: extra.outputs ?? {},
        warnings: extra.warnings ?? [],
        ...(extra.policy ? { policy: extra.policy } : {}),
    };
}

/**
 * A copy of `plan` with one resource replaced by `change(resource)`. Components share names with the
 * resources they wrap, so a name picks the custom resource when both exist.
 */
export function withResource(
    plan: PlanLike,
    name: string,
    change: (resource: PlanResourceEntry) => PlanResourceEntry,
): PlanLike {
    const named = plan.resources.filter((r) => r.name === name);
    const target = named.find((r) => !r.type.startsWith("aoai:")) ?? named[0];
    if (!target) {
        throw new Error(`no resource ${name}`);
    }
    return { ...plan, resources: plan.resources.map((r) => (r === target ? change(structuredClone(r)) : r)) };
}

export interface RegionOptions {
    readonly deployments?: readonly string[];
    readonly privateEndpoint?: boolean;
    readonly extras?: boolean;
}

/**
 * A platform shaped like the product's: a resource group, a random suffix, per region an account
 * component (account, chained deployments, optionally a private endpoint after the last deployment,
 * a lock, a diagnostic setting and a role assignment), and a vault component with two secrets per region.
 */
export function platformPlan(regions: readonly string[], options: RegionOptions = {}): PlanLike {
    const deployments = options.deployments ?? ["chat", "image", "reasoning", "transcribe"];
    const platform = resource(TYPES.platform, "aoai");
    const group = resource(TYPES.resourceGroup, "aoai", { parent: platform, inputs: { location: "swedencentral" } });
    const suffix = resource(TYPES.random, "aoai-suffix", {
        parent: platform,
        inputs: { length: 6, keepers: { namePrefix: "aoai-prd" } },
    });
    const all: PlanResourceEntry[] = [platform, group, suffix];
    const vaultComponent = resource(TYPES.vaultComponent, "aoai-vault", { parent: platform });
    const vault = resource(TYPES.vault, "aoai-vault", {
        parent: vaultComponent,
        dependsOn: [group, suffix],
        protect: true,
        inputs: { vaultName: "aoai-prd-kv-abc123", location: "swedencentral", resourceGroupName: "aoai-rg" },
    });
    all.push(vaultComponent, vault);
    for (const region of regions) {
        const component = resource(TYPES.accountComponent, `aoai-${region}`, { parent: platform });
        const account = resource(TYPES.account, `aoai-${region}`, {
            parent: component,
            dependsOn: [group, suffix],
            protect: true,
            inputs: {
                accountName: `aoai-prd-${region}-abc123`,
                kind: "OpenAI",
                location: region,
                properties: { customSubDomainName: `aoai-prd-${region}-abc123`, disableLocalAuth: true },
                sku: { name: "S0" },
            },
        });
        all.push(component, account);
        let previous: PlanResourceEntry | undefined;
        for (const name of deployments) {
            const deployment: PlanResourceEntry = resource(TYPES.deployment, `aoai-${region}-${name}`, {
                parent: component,
                dependsOn: previous ? [account, group, previous] : [account, group],
                inputs: {
                    accountName: `aoai-prd-${region}-abc123`,
                    deploymentName: name,
                    properties: {
                        model: { format: "OpenAI", name: `model-${name}`, version: "2026-01-01" },
                        raiPolicyName: "Microsoft.DefaultV2",
                    },
                    sku: { capacity: 10, name: "GlobalStandard" },
                },
            });
            all.push(deployment);
            previous = deployment;
        }
        if (options.privateEndpoint !== false && previous) {
            all.push(
                resource(TYPES.privateEndpoint, `aoai-${region}-pe`, {
                    parent: component,
                    dependsOn: [account, previous, group],
                    inputs: { location: region, subnet: { id: "/subscriptions/x/subnets/pe" } },
                }),
            );
        }
        if (options.extras) {
            all.push(
                resource(TYPES.lock, `aoai-${region}-lock`, { parent: component, dependsOn: [account] }),
                resource(TYPES.diagnostics, `aoai-${region}-diagnostics`, { parent: component, dependsOn: [account] }),
                resource(TYPES.roleAssignment, `aoai-${region}-role`, { parent: component, dependsOn: [account] }),
            );
        }
        for (const kind of ["endpoint", "deployments"]) {
            all.push(
                resource(TYPES.secret, `aoai-vault-openai-${region}-${kind}`, {
                    parent: vaultComponent,
                    dependsOn: kind === "endpoint" ? [vault, account, group] : [vault, group],
                    inputs: { secretName: `openai-${region}-${kind}`, properties: { value: `value-${region}` } },
                }),
            );
        }
    }
    return planOf(all);
}
