import * as authorization from "@pulumi/azure-native/authorization";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { accountDnsZones, KEY_VAULT_DNS_ZONE, type StackConfig } from "../config/stack-config";
import { GATEWAY_DNS_ZONE } from "../gateway/openai-api";
import { accountName, SUFFIX_LENGTH, vaultName } from "../naming";
import { type ConnectionSecret, ConnectionSecrets, ConnectionVault, secretExpiresAt } from "./connection-vault";
import { CustomerManagedKey } from "./customer-managed-key";
import { Gateway, gatewayServiceName } from "./gateway";
import { OpenAiAccount } from "./openai-account";
import { PrivateNetwork } from "./private-network";
import type { RoleGrant } from "./role-grant";

/**
 * The sections of the validated stack configuration that describe resources: all but `lifecycle`
 * and `quota`, which only validation reads. The platform is the stack's composition root; every
 * component below it takes only the arguments it uses.
 */
export type PlatformConfig = Omit<StackConfig, "lifecycle" | "quota">;

export interface OpenAiPlatformArgs {
    /** What the stack provisions, as validated. */
    readonly config: PlatformConfig;
    /** The moment of the run; secret expiry is derived from it. */
    readonly now: Date;
}

export function standardTags(config: Pick<StackConfig, "tags" | "environment">): Record<string, string> {
    return {
        ...config.tags.additional,
        environment: config.environment,
        owner: config.tags.owner,
        "cost-center": config.tags.costCenter,
        "managed-by": "pulumi",
    };
}

/** Role grants from config for one role, plus the application identity's. */
function grantsFor(
    config: Pick<StackConfig, "access">,
    role: "Cognitive Services OpenAI User" | "Key Vault Secrets User",
    applicationIdentity: managedidentity.UserAssignedIdentity,
): RoleGrant[] {
    return [
        { role, principalId: applicationIdentity.principalId, principalType: "ServicePrincipal", principalKey: "app" },
        ...config.access.principals
            .filter((principal) => principal.roles.includes(role))
            .map((principal) => ({
                role,
                principalId: principal.objectId,
                principalType: principal.principalType,
                principalKey: principal.objectId.toLowerCase(),
            })),
    ];
}

/**
 * The gateway's regions in priority order: the stack's location first when it has an account (so
 * that reordering `regions` changes nothing), else the first region the stack file lists; then the
 * others in the order written.
 */
export function gatewayRegions(config: Pick<StackConfig, "regions" | "location">): string[] {
    const regions = Object.keys(config.regions);
    const primary = regions.includes(config.location) ? config.location : regions[0];
    return primary ? [primary, ...regions.filter((region) => region !== primary)] : [];
}

/**
 * Everything one stack provisions: resource group, monitoring, private network, the connection
 * vault (and customer-managed key), one account per region, the application identity and the
 * secrets applications read.
 */
export class OpenAiPlatform extends pulumi.ComponentResource {
    public readonly resourceGroupName: pulumi.Output<string>;
    public readonly accounts: Readonly<Record<string, OpenAiAccount>>;
    public readonly vault: ConnectionVault;
    public readonly secretNames: readonly string[];
    public readonly applicationIdentity: managedidentity.UserAssignedIdentity;
    /** The AI gateway, when the stack configures one. */
    public readonly gateway: Gateway | undefined;

    constructor(name: string, args: OpenAiPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:OpenAiPlatform", name, {}, opts);
        const { config } = args;
        const tags = standardTags(config);
        const { network, protection } = config;

        this.resourceGroupName = config.resourceGroup.existingName
            ? pulumi.output(config.resourceGroup.existingName)
            : new resources.ResourceGroup(name, { location: config.location, tags }, { parent: this }).name;
        const resourceGroupName = this.resourceGroupName;

        // Keepers: a new prefix means new globally unique names, so a new suffix.
        const suffix = new random.RandomString(
            `${name}-suffix`,
            {
                length: SUFFIX_LENGTH,
                upper: false,
                special: false,
                numeric: true,
                keepers: { namePrefix: config.namePrefix },
            },
            { parent: this },
        ).result;
        const clientConfig = authorization.getClientConfigOutput({ parent: this });
        const subscriptionId = clientConfig.subscriptionId;

        let workspaceId: pulumi.Input<string> | undefined;
        if (config.monitoring.enabled) {
            workspaceId =
                config.monitoring.existingWorkspaceId ??
                new operationalinsights.Workspace(
                    `${name}-logs`,
                    {
                        resourceGroupName,
                        location: config.location,
                        sku: { name: "PerGB2018" },
                        retentionInDays: config.monitoring.retentionDays,
                        tags,
                    },
                    { parent: this },
                ).id;
        }

        // A private endpoint lives in its virtual network's region, whatever the target's region.
        const endpointLocation = network.privateEndpoints.location ?? config.location;
        let privateNetwork: PrivateNetwork | undefined;
        if (network.privateEndpoints.enabled) {
            privateNetwork = new PrivateNetwork(
                `${name}-network`,
                {
                    resourceGroupName,
                    location: endpointLocation,
                    ...(network.privateEndpoints.existingSubnetId
                        ? { existingSubnetId: network.privateEndpoints.existingSubnetId }
                        : {}),
                    ...(network.privateEndpoints.virtualNetwork
                        ? { virtualNetwork: network.privateEndpoints.virtualNetwork }
                        : {}),
                    zoneNames: [
                        ...accountDnsZones(config.accounts.kind),
                        KEY_VAULT_DNS_ZONE,
                        ...(config.gateway?.inbound === "private" ? [GATEWAY_DNS_ZONE] : []),
                    ],
                    existingDnsZoneIds: network.privateEndpoints.existingDnsZoneIds,
                    ...(config.gateway?.network.subnetPrefix
                        ? { integrationSubnetPrefix: config.gateway.network.subnetPrefix }
                        : {}),
                    tags,
                },
                { parent: this },
            );
        }
        const zoneIdsFor = (zones: readonly string[]) =>
            Object.fromEntries(zones.map((zone) => [zone, privateNetwork?.zoneIds[zone] ?? ""]));

        this.applicationIdentity = new managedidentity.UserAssignedIdentity(
            `${name}-app`,
            { resourceGroupName, location: config.location, tags },
            { parent: this },
        );

        const firewall = {
            publicNetworkAccess: network.publicNetworkAccess,
            defaultAction: network.defaultAction,
            bypass: network.bypass,
            ipRules: network.ipRules,
            virtualNetworkRules: network.virtualNetworkRules,
        };
        const stackVaultName = vaultName(config.namePrefix, suffix);
        this.vault = new ConnectionVault(
            `${name}-vault`,
            {
                resourceGroupName,
                subscriptionId,
                location: config.location,
                vaultName: stackVaultName,
                tenantId: clientConfig.tenantId,
                softDeleteRetentionDays: config.keyVault.softDeleteRetentionDays,
                network: firewall,
                ...(privateNetwork
                    ? {
                          privateLink: {
                              subnetId: privateNetwork.subnetId,
                              location: endpointLocation,
                              zoneIds: zoneIdsFor([KEY_VAULT_DNS_ZONE]),
                          },
                      }
                    : {}),
                ...(workspaceId ? { workspaceId } : {}),
                roleGrants: grantsFor(config, "Key Vault Secrets User", this.applicationIdentity),
                tags,
                protect: protection.protect,
                deleteLock: protection.deleteLocks,
            },
            { parent: this },
        );

        let cmk: CustomerManagedKey | undefined;
        if (config.encryption.customerManagedKey) {
            cmk = new CustomerManagedKey(
                `${name}-cmk`,
                {
                    resourceGroupName,
                    location: config.location,
                    vaultName: this.vault.vault.name,
                    vaultId: this.vault.vault.id,
                    vaultUri: this.vault.vaultUri,
                    subscriptionId,
                    keySize: config.encryption.keySize,
                    rotationDays: config.encryption.rotationDays,
                    tags,
                },
                { parent: this },
            );
        }

        const accounts: Record<string, OpenAiAccount> = {};
        const secrets: ConnectionSecret[] = [];
        for (const region of Object.keys(config.regions).sort()) {
            const regionConfig = config.regions[region];
            if (!regionConfig) {
                continue;
            }
            const account = new OpenAiAccount(
                `${name}-${region}`,
                {
                    resourceGroupName,
                    subscriptionId,
                    location: region,
                    kind: config.accounts.kind,
                    accountName: accountName(config.namePrefix, region, suffix),
                    disableLocalAuth: config.accounts.disableLocalAuth,
                    restore: config.accounts.restore,
                    network: {
                        ...firewall,
                        restrictOutbound: network.restrictOutbound,
                        allowedFqdns: [...network.allowedFqdns, pulumi.interpolate`${stackVaultName}.vault.azure.net`],
                    },
                    ...(cmk
                        ? {
                              encryption: {
                                  keyName: cmk.keyName,
                                  keyVersion: cmk.keyVersion,
                                  keyVaultUri: cmk.keyVaultUri,
                                  identityId: cmk.identity.id,
                                  identityClientId: cmk.identity.clientId,
                                  dependsOn: cmk.grants,
                              },
                          }
                        : {}),
                    contentFilters: config.contentFilters,
                    deployments: regionConfig.deployments,
                    ...(privateNetwork
                        ? {
                              privateLink: {
                                  subnetId: privateNetwork.subnetId,
                                  location: endpointLocation,
                                  zoneIds: zoneIdsFor(accountDnsZones(config.accounts.kind)),
                              },
                          }
                        : {}),
                    ...(workspaceId ? { workspaceId } : {}),
                    roleGrants: grantsFor(config, "Cognitive Services OpenAI User", this.applicationIdentity),
                    tags,
                    protect: protection.protect,
                    deleteLock: protection.deleteLocks,
                },
                { parent: this },
            );
            accounts[region] = account;
            secrets.push(
                {
                    name: `openai-${region}-endpoint`,
                    value: account.endpoint,
                    contentType: "text/plain; charset=utf-8",
                },
                {
                    name: `openai-${region}-deployments`,
                    value: JSON.stringify(account.deploymentNamesByFamily),
                    contentType: "application/json",
                },
            );
            if (config.keyVault.storeAccountKeys && !config.accounts.disableLocalAuth) {
                // listAccountKeys results are not marked secret by the provider (pulumi-azure-native
                // #1693), so the key is wrapped here before it reaches any resource or output.
                const keys = cognitiveservices.listAccountKeysOutput(
                    { accountName: account.account.name, resourceGroupName },
                    { parent: this },
                );
                secrets.push({
                    name: `openai-${region}-key`,
                    value: pulumi.secret(keys.apply((k) => k.key1 ?? "")),
                    contentType: "text/plain; kind=api-key",
                });
            }
        }
        this.accounts = accounts;

        const connectionSecrets = new ConnectionSecrets(
            `${name}-secrets`,
            {
                resourceGroupName,
                vaultName: this.vault.vault.name,
                expiresAt: secretExpiresAt(args.now, config.keyVault.secretExpiryDays),
                secrets,
                tags,
            },
            { parent: this },
        );
        this.secretNames = connectionSecrets.secretNames;

        const gateway = config.gateway;
        this.gateway = gateway
            ? new Gateway(
                  `${name}-gateway`,
                  {
                      resourceGroupName,
                      subscriptionId,
                      location: config.location,
                      serviceName: gatewayServiceName(config.namePrefix, suffix),
                      tier: gateway.tier,
                      capacity: gateway.capacity,
                      publisherEmail: gateway.publisherEmail,
                      publisherName: gateway.publisherName,
                      accounts: gatewayRegions(config).map((region) => ({
                          region,
                          accountId: (accounts[region] as OpenAiAccount).account.id,
                          endpoint: (accounts[region] as OpenAiAccount).endpoint,
                      })),
                      teams: gateway.teams,
                      vaultName: this.vault.vault.name,
                      secretExpiresAt: secretExpiresAt(args.now, config.keyVault.secretExpiryDays),
                      ...(workspaceId ? { workspaceId } : {}),
                      ...(privateNetwork?.integrationSubnetId
                          ? { integrationSubnetId: privateNetwork.integrationSubnetId }
                          : gateway.network.existingSubnetId
                            ? { integrationSubnetId: gateway.network.existingSubnetId }
                            : {}),
                      ...(privateNetwork && gateway.inbound === "private"
                          ? {
                                privateInbound: {
                                    subnetId: privateNetwork.subnetId,
                                    location: endpointLocation,
                                    zoneIds: zoneIdsFor([GATEWAY_DNS_ZONE]),
                                },
                            }
                          : {}),
                      tags,
                  },
                  { parent: this },
              )
            : undefined;

        this.registerOutputs({
            resourceGroupName: this.resourceGroupName,
            vaultUri: this.vault.vaultUri,
            applicationIdentityClientId: this.applicationIdentity.clientId,
        });
    }
}
