/**
 * Type tokens and the input shapes the rules read, as azure-native v3 registers them (they mirror
 * ARM JSON with `properties.*` nested). Every field is optional: a rule never assumes a property is
 * set, and compares values strictly, so an unexpected type is treated as "not compliant" rather
 * than trusted.
 */

export const TYPES = {
    account: "azure-native:cognitiveservices:Account",
    deployment: "azure-native:cognitiveservices:Deployment",
    raiPolicy: "azure-native:cognitiveservices:RaiPolicy",
    vault: "azure-native:keyvault:Vault",
    secret: "azure-native:keyvault:Secret",
    key: "azure-native:keyvault:Key",
    privateEndpoint: "azure-native:network:PrivateEndpoint",
    privateDnsZoneGroup: "azure-native:network:PrivateDnsZoneGroup",
    privateZone: "azure-native:privatedns:PrivateZone",
    diagnosticSetting: "azure-native:monitor:DiagnosticSetting",
    roleAssignment: "azure-native:authorization:RoleAssignment",
    lock: "azure-native:authorization:ManagementLockByScope",
} as const;

/** azure-native v2 named the monitor module `insights`; both tokens are diagnostic settings. */
export const DIAGNOSTIC_SETTING_TYPES: readonly string[] = [
    TYPES.diagnosticSetting,
    "azure-native:insights:DiagnosticSetting",
];

export interface NetworkAcls {
    readonly defaultAction?: string;
    readonly bypass?: string;
    readonly ipRules?: readonly { readonly value?: string }[];
    readonly virtualNetworkRules?: readonly { readonly id?: string }[];
}

export interface AccountProps {
    readonly accountName?: string;
    readonly name?: string;
    readonly kind?: string;
    readonly location?: string;
    readonly identity?: { readonly type?: string; readonly userAssignedIdentities?: unknown };
    readonly properties?: {
        readonly disableLocalAuth?: boolean;
        readonly publicNetworkAccess?: string;
        readonly networkAcls?: NetworkAcls;
        readonly restrictOutboundNetworkAccess?: boolean;
        readonly allowedFqdnList?: readonly string[];
        readonly encryption?: {
            readonly keySource?: string;
            readonly keyVaultProperties?: {
                readonly keyName?: string;
                readonly keyVaultUri?: string;
                readonly keyVersion?: string;
                readonly identityClientId?: string;
            };
        };
    };
    readonly tags?: Readonly<Record<string, string>>;
}

export interface DeploymentProps {
    readonly accountName?: string;
    readonly deploymentName?: string;
    readonly sku?: { readonly name?: string; readonly capacity?: number };
    readonly properties?: {
        readonly model?: { readonly format?: string; readonly name?: string; readonly version?: string };
        readonly versionUpgradeOption?: string;
        readonly raiPolicyName?: string;
    };
}

export interface ContentFilter {
    readonly name?: string;
    readonly severityThreshold?: string;
    readonly blocking?: boolean;
    readonly enabled?: boolean;
    readonly source?: string;
}

export interface RaiPolicyProps {
    readonly accountName?: string;
    readonly raiPolicyName?: string;
    readonly properties?: {
        readonly basePolicyName?: string;
        readonly mode?: string;
        readonly contentFilters?: readonly ContentFilter[];
    };
}

export interface VaultProps {
    readonly vaultName?: string;
    readonly name?: string;
    readonly location?: string;
    readonly properties?: {
        readonly enableRbacAuthorization?: boolean;
        readonly enableSoftDelete?: boolean;
        readonly softDeleteRetentionInDays?: number;
        readonly enablePurgeProtection?: boolean;
        readonly publicNetworkAccess?: string;
        readonly networkAcls?: NetworkAcls;
    };
}

export interface SecretProps {
    readonly properties?: {
        readonly contentType?: string;
        readonly attributes?: { readonly enabled?: boolean; readonly expires?: number };
    };
}

export interface LifetimeAction {
    readonly action?: { readonly type?: string };
    readonly trigger?: { readonly timeAfterCreate?: string; readonly timeBeforeExpiry?: string };
}

export interface KeyProps {
    readonly properties?: {
        readonly kty?: string;
        readonly keySize?: number;
        readonly attributes?: { readonly enabled?: boolean; readonly expires?: number };
        readonly rotationPolicy?: {
            readonly lifetimeActions?: readonly LifetimeAction[];
            readonly attributes?: { readonly expiryTime?: string };
        };
    };
}

export interface PrivateLinkServiceConnection {
    readonly name?: string;
    readonly privateLinkServiceId?: string;
    readonly groupIds?: readonly string[];
}

export interface PrivateEndpointProps {
    readonly privateEndpointName?: string;
    readonly subnet?: { readonly id?: string };
    readonly privateLinkServiceConnections?: readonly PrivateLinkServiceConnection[];
}

export interface PrivateDnsZoneGroupProps {
    readonly privateEndpointName?: string;
    readonly privateDnsZoneConfigs?: readonly { readonly name?: string; readonly privateDnsZoneId?: string }[];
}

export interface PrivateZoneProps {
    readonly privateZoneName?: string;
}

export interface DiagnosticLog {
    readonly category?: string;
    readonly categoryGroup?: string;
    readonly enabled?: boolean;
}

export interface DiagnosticSettingProps {
    readonly resourceUri?: string;
    readonly logs?: readonly DiagnosticLog[];
}

export interface RoleAssignmentProps {
    readonly scope?: string;
    readonly roleDefinitionId?: string;
    readonly principalId?: string;
    readonly principalType?: string;
}

export interface LockProps {
    readonly scope?: string;
    readonly level?: string;
}
