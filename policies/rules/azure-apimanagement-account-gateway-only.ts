/**
 * Where an AI gateway fronts the accounts, the accounts take traffic only from the gateway's
 * network path.
 *
 * Severity high. The product's rule (MCSB NS-2): a gateway that enforces token limits, metering and
 * managed-identity access is only a control if callers cannot go around it. Compliant accounts
 * either refuse public traffic (publicNetworkAccess "Disabled") and have a private endpoint in the
 * virtual network the gateway is integrated with, or deny by default and allow exactly the gateway's
 * subnet. Stacks without an API Management service are not concerned.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../metadata";
import { APIM_TYPES, networkOf, type ServiceProps } from "../lib/apim";
import { endpointRelation } from "../lib/links";
import { label, ofType } from "../lib/relations";
import { type AccountProps, type PrivateEndpointProps, TYPES } from "../lib/types";
import { isUnknown, read, readList } from "../lib/values";

/** The gateway's integration subnets, or UNKNOWN when one is not known yet. */
function gatewaySubnets(services: readonly PolicyResource[]): string[] | "unknown" {
    const subnets: string[] = [];
    for (const service of services) {
        const subnet = read(() => (service.props as ServiceProps).virtualNetworkConfiguration?.subnetResourceId);
        if (isUnknown(subnet)) {
            return "unknown";
        }
        if (typeof subnet === "string" && subnet.length > 0) {
            subnets.push(subnet.toLowerCase());
        }
    }
    return subnets;
}

function endpointNetworks(account: PolicyResource, endpoints: readonly PolicyResource[]): string[] | "unknown" {
    const networks: string[] = [];
    for (const endpoint of endpoints) {
        const relation = endpointRelation(endpoint, account, "account");
        if (relation === "maybe") {
            return "unknown";
        }
        if (relation === "no") {
            continue;
        }
        const subnet = read(() => (endpoint.props as PrivateEndpointProps).subnet?.id);
        if (isUnknown(subnet)) {
            return "unknown";
        }
        if (typeof subnet === "string") {
            networks.push(networkOf(subnet));
        }
    }
    return networks;
}

export const accountGatewayOnly = stackPolicy({
    name: "azure-apimanagement-account-gateway-only",
    description:
        "When the stack has an API Management gateway, every account takes traffic only from the gateway's network " +
        "path: public access disabled with a private endpoint in the gateway's virtual network, or a firewall that " +
        "denies by default and allows only the gateway's subnet.",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "product",
    publicIds: { mcsb: ["NS-2"] },
    remediationSteps:
        "Integrate the gateway with the stack's network (stack config gateway.network), keep network.publicNetworkAccess " +
        '"Disabled" with network.privateEndpoints enabled, and remove IP rules that let callers around the gateway.',
    validateStack: (args, reportViolation) => {
        const services = ofType(args.resources, APIM_TYPES.service);
        if (services.length === 0) {
            return;
        }
        const subnets = gatewaySubnets(services);
        if (subnets === "unknown") {
            return;
        }
        const endpoints = ofType(args.resources, TYPES.privateEndpoint);
        for (const account of ofType(args.resources, TYPES.account)) {
            if (subnets.length === 0) {
                reportViolation(
                    `account ${label(account)} sits behind a gateway that has no network of its own (no virtual ` +
                        "network integration), so the account must take public traffic to serve it.",
                    account.urn,
                );
                continue;
            }
            const props = read(() => {
                const p = (account.props as AccountProps).properties;
                return {
                    publicNetworkAccess: p?.publicNetworkAccess,
                    defaultAction: p?.networkAcls?.defaultAction,
                };
            });
            if (isUnknown(props)) {
                continue;
            }
            if (props.publicNetworkAccess === "Disabled") {
                const networks = endpointNetworks(account, endpoints);
                if (networks === "unknown") {
                    continue;
                }
                if (!networks.some((network) => subnets.some((subnet) => networkOf(subnet) === network))) {
                    reportViolation(
                        `account ${label(account)} has no private endpoint in the gateway's virtual network, so the ` +
                            "gateway cannot reach it (or callers reach it another way).",
                        account.urn,
                    );
                }
                continue;
            }
            const ipRules = readList(() => (account.props as AccountProps).properties?.networkAcls?.ipRules);
            const vnetRules = readList(
                () => (account.props as AccountProps).properties?.networkAcls?.virtualNetworkRules,
            );
            if (isUnknown(ipRules) || isUnknown(vnetRules)) {
                continue;
            }
            const others = vnetRules
                .map((rule) => read(() => rule.id))
                .filter((id) => typeof id === "string" && !subnets.includes(id.toLowerCase()));
            if (props.defaultAction !== "Deny" || ipRules.length > 0 || others.length > 0 || vnetRules.length === 0) {
                reportViolation(
                    `account ${label(account)} takes public traffic from more than the gateway ` +
                        `(publicNetworkAccess ${JSON.stringify(props.publicNetworkAccess ?? "Enabled")}, defaultAction ` +
                        `${JSON.stringify(props.defaultAction)}, ${ipRules.length} IP rules, ${others.length} other subnets): ` +
                        "callers can go around the gateway's limits.",
                    account.urn,
                );
            }
        }
    },
});
