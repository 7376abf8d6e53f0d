/** The network exposure shared by the accounts and the vault: same config, same ARM shape. */
export interface FirewallArgs {
    readonly publicNetworkAccess: "Enabled" | "Disabled";
    readonly defaultAction: "Allow" | "Deny";
    readonly bypass: "AzureServices" | "None";
    /** Public IPv4 addresses or CIDR ranges. */
    readonly ipRules: readonly string[];
    /** Subnet ids. */
    readonly virtualNetworkRules: readonly string[];
}

/** `networkAcls` as both Microsoft.CognitiveServices and Microsoft.KeyVault take it. */
export function networkRuleSet(firewall: FirewallArgs) {
    return {
        defaultAction: firewall.defaultAction,
        bypass: firewall.bypass,
        ipRules: firewall.ipRules.map((value) => ({ value })),
        virtualNetworkRules: firewall.virtualNetworkRules.map((id) => ({ id })),
    };
}
