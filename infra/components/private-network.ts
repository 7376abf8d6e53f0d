import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import { virtualNetworkIdOf } from "../config/network-values";

export interface PrivateNetworkArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: string;
    /** Use this subnet for the endpoints; otherwise `virtualNetwork` is created. */
    readonly existingSubnetId?: string;
    readonly virtualNetwork?: { readonly addressSpaces: readonly string[]; readonly subnetPrefix: string };
    /** Private DNS zones the endpoints need. */
    readonly zoneNames: readonly string[];
    /** Zones that already exist (by name); they are used as they are, not created or linked. */
    readonly existingDnsZoneIds: Readonly<Record<string, string>>;
    /** A second subnet of the created network, delegated to Microsoft.Web/serverFarms: the gateway's outbound integration. */
    readonly integrationSubnetPrefix?: string;
    readonly tags: Readonly<Record<string, string>>;
}

const ENDPOINT_SUBNET = "private-endpoints";
const INTEGRATION_SUBNET = "gateway-integration";

/**
 * Where the private endpoints live: a subnet (created with its virtual network, or brought by the
 * user) and the private DNS zones that resolve the services' names to the endpoints, each linked to
 * the virtual network.
 */
export class PrivateNetwork extends pulumi.ComponentResource {
    public readonly subnetId: pulumi.Output<string>;
    /** The gateway's integration subnet, when `integrationSubnetPrefix` was given. */
    public readonly integrationSubnetId?: pulumi.Output<string>;
    /** Zone id by zone name. */
    public readonly zoneIds: Readonly<Record<string, pulumi.Output<string>>>;

    constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:PrivateNetwork", name, {}, opts);

        let virtualNetworkId: pulumi.Output<string>;
        if (args.existingSubnetId) {
            this.subnetId = pulumi.output(args.existingSubnetId);
            virtualNetworkId = pulumi.output(virtualNetworkIdOf(args.existingSubnetId));
        } else {
            const spec = args.virtualNetwork;
            if (!spec) {
                throw new Error(
                    "PrivateNetwork needs existingSubnetId or virtualNetwork (config validation ensures one)",
                );
            }
            // The subnet is declared inline: a separate Subnet resource would be removed again by the
            // next update of a VirtualNetwork that does not list it.
            const vnet = new network.VirtualNetwork(
                name,
                {
                    resourceGroupName: args.resourceGroupName,
                    location: args.location,
                    addressSpace: { addressPrefixes: [...spec.addressSpaces] },
                    subnets: [
                        {
                            name: ENDPOINT_SUBNET,
                            addressPrefix: spec.subnetPrefix,
                            privateEndpointNetworkPolicies: "Disabled",
                        },
                        ...(args.integrationSubnetPrefix
                            ? [
                                  {
                                      name: INTEGRATION_SUBNET,
                                      addressPrefix: args.integrationSubnetPrefix,
                                      delegations: [
                                          { name: "apim-integration", serviceName: "Microsoft.Web/serverFarms" },
                                      ],
                                  },
                              ]
                            : []),
                    ],
                    tags: args.tags,
                },
                { parent: this },
            );
            virtualNetworkId = vnet.id;
            this.subnetId = pulumi.interpolate`${vnet.id}/subnets/${ENDPOINT_SUBNET}`;
            if (args.integrationSubnetPrefix) {
                this.integrationSubnetId = pulumi.interpolate`${vnet.id}/subnets/${INTEGRATION_SUBNET}`;
            }
        }

        const zoneIds: Record<string, pulumi.Output<string>> = {};
        for (const zoneName of args.zoneNames) {
            const existing = args.existingDnsZoneIds[zoneName];
            if (existing) {
                zoneIds[zoneName] = pulumi.output(existing);
                continue;
            }
            const zone = new privatedns.PrivateZone(
                `${name}-${zoneName}`,
                {
                    privateZoneName: zoneName,
                    resourceGroupName: args.resourceGroupName,
                    location: "global",
                    tags: args.tags,
                },
                { parent: this },
            );
            new privatedns.VirtualNetworkLink(
                `${name}-${zoneName}-link`,
                {
                    privateZoneName: zone.name,
                    resourceGroupName: args.resourceGroupName,
                    virtualNetworkLinkName: `${name}-link`,
                    virtualNetwork: { id: virtualNetworkId },
                    registrationEnabled: false,
                    location: "global",
                    tags: args.tags,
                },
                { parent: this },
            );
            zoneIds[zoneName] = zone.id;
        }
        this.zoneIds = zoneIds;
        this.registerOutputs({ subnetId: this.subnetId, zoneIds: this.zoneIds });
    }
}

/** Where a resource's private endpoint goes: a subnet, its region, and the zones it registers in. */
export interface PrivateLinkPlacement {
    readonly subnetId: pulumi.Input<string>;
    /** Region of the endpoint: the subnet's, which may differ from the target's. */
    readonly location: string;
    /** Zone id by zone name. */
    readonly zoneIds: Readonly<Record<string, pulumi.Input<string>>>;
}

export interface PrivateLinkArgs extends PrivateLinkPlacement {
    readonly resourceGroupName: pulumi.Input<string>;
    /** ARM id of the account or vault the endpoint connects to. */
    readonly targetId: pulumi.Input<string>;
    /** Sub-resource: `account` for Azure AI services, `vault` for Key Vault, `Gateway` for API Management. */
    readonly groupId: "account" | "vault" | "Gateway";
    readonly tags: Readonly<Record<string, string>>;
    /** Resources that must exist first (e.g. an account's last deployment). */
    readonly dependsOn?: readonly pulumi.Resource[];
    readonly parent: pulumi.Resource;
}

/** A private endpoint and its DNS zone group, as children of `parent`. */
export function createPrivateLink(name: string, args: PrivateLinkArgs): network.PrivateEndpoint {
    const endpoint = new network.PrivateEndpoint(
        name,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            subnet: { id: args.subnetId },
            privateLinkServiceConnections: [
                { name: `${name}-${args.groupId}`, privateLinkServiceId: args.targetId, groupIds: [args.groupId] },
            ],
            tags: args.tags,
        },
        { parent: args.parent, dependsOn: [...(args.dependsOn ?? [])] },
    );
    new network.PrivateDnsZoneGroup(
        `${name}-dns`,
        {
            resourceGroupName: args.resourceGroupName,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: Object.entries(args.zoneIds).map(([zoneName, zoneId]) => ({
                name: zoneName.replace(/\./g, "-"),
                privateDnsZoneId: zoneId,
            })),
        },
        { parent: args.parent },
    );
    return endpoint;
}
