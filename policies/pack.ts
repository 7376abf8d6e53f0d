/**
 * The rules of the pack, in one list: imported by `index.ts` (which serves them to the Pulumi CLI),
 * by the offline plan (`plan/policy.ts`) and by the tests. Constructing a `PolicyPack` starts a gRPC
 * server, so only `index.ts` does that.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import type { PackPolicy } from "./metadata";
import { anyResourceAllowedRegions } from "./rules/azure-any-resource-allowed-regions";
import { anyResourceRequiredTags } from "./rules/azure-any-resource-required-tags";
import { accountGatewayOnly } from "./rules/azure-apimanagement-account-gateway-only";
import { backendCircuitBreaker } from "./rules/azure-apimanagement-backend-circuit-breaker";
import { backendManagedIdentity } from "./rules/azure-apimanagement-backend-managed-identity";
import { productTokenLimit } from "./rules/azure-apimanagement-product-token-limit";
import { serviceDiagnosticSettings } from "./rules/azure-apimanagement-service-diagnostic-settings";
import { roleAssignmentLeastPrivilege } from "./rules/azure-authorization-roleassignment-least-privilege";
import { roleAssignmentScoped } from "./rules/azure-authorization-roleassignment-scoped";
import { accountCustomerManagedKey } from "./rules/azure-cognitiveservices-account-customer-managed-key";
import { accountDeleteLock } from "./rules/azure-cognitiveservices-account-delete-lock";
import { accountDiagnosticSettings } from "./rules/azure-cognitiveservices-account-diagnostic-settings";
import { accountLocalAuthDisabled } from "./rules/azure-cognitiveservices-account-local-auth-disabled";
import { accountManagedIdentity } from "./rules/azure-cognitiveservices-account-managed-identity";
import { accountNetworkRestricted } from "./rules/azure-cognitiveservices-account-network-restricted";
import { accountOutboundRestricted } from "./rules/azure-cognitiveservices-account-outbound-restricted";
import { accountPrivateEndpoint } from "./rules/azure-cognitiveservices-account-private-endpoint";
import { accountProtected } from "./rules/azure-cognitiveservices-account-protected";
import { deploymentAllowedModels } from "./rules/azure-cognitiveservices-deployment-allowed-models";
import { deploymentAllowedTypes } from "./rules/azure-cognitiveservices-deployment-allowed-types";
import { deploymentCapacityCap } from "./rules/azure-cognitiveservices-deployment-capacity-cap";
import { deploymentContentFilter } from "./rules/azure-cognitiveservices-deployment-content-filter";
import { deploymentModelLifecycle } from "./rules/azure-cognitiveservices-deployment-model-lifecycle";
import { deploymentRegionCapacityCap } from "./rules/azure-cognitiveservices-deployment-region-capacity-cap";
import { deploymentSerialized } from "./rules/azure-cognitiveservices-deployment-serialized";
import { raiPolicyNotWeakened } from "./rules/azure-cognitiveservices-raipolicy-not-weakened";
import { keyExpirationSet } from "./rules/azure-keyvault-key-expiration-set";
import { keyHsmBacked } from "./rules/azure-keyvault-key-hsm-backed";
import { keyRotationPolicy } from "./rules/azure-keyvault-key-rotation-policy";
import { secretContentTypeSet } from "./rules/azure-keyvault-secret-content-type-set";
import { secretExpirationSet } from "./rules/azure-keyvault-secret-expiration-set";
import { vaultDeleteLock } from "./rules/azure-keyvault-vault-delete-lock";
import { vaultDiagnosticSettings } from "./rules/azure-keyvault-vault-diagnostic-settings";
import { vaultNetworkRestricted } from "./rules/azure-keyvault-vault-network-restricted";
import { vaultPrivateEndpoint } from "./rules/azure-keyvault-vault-private-endpoint";
import { vaultProtected } from "./rules/azure-keyvault-vault-protected";
import { vaultPurgeProtection } from "./rules/azure-keyvault-vault-purge-protection";
import { vaultRbacAuthorization } from "./rules/azure-keyvault-vault-rbac-authorization";
import { vaultSoftDelete } from "./rules/azure-keyvault-vault-soft-delete";
import { privateEndpointAfterDeployments } from "./rules/azure-network-privateendpoint-after-deployments";
import { privateEndpointPrivateDnsZones } from "./rules/azure-network-privateendpoint-private-dns-zones";

export const PACK_NAME = "aoai-platform-policies";

/** The pack's own level, for policies that set none (all of ours set one). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

export const policies: PackPolicy[] = [
    anyResourceAllowedRegions,
    anyResourceRequiredTags,
    accountGatewayOnly,
    backendCircuitBreaker,
    backendManagedIdentity,
    productTokenLimit,
    serviceDiagnosticSettings,
    roleAssignmentLeastPrivilege,
    roleAssignmentScoped,
    accountCustomerManagedKey,
    accountDeleteLock,
    accountDiagnosticSettings,
    accountLocalAuthDisabled,
    accountManagedIdentity,
    accountNetworkRestricted,
    accountOutboundRestricted,
    accountPrivateEndpoint,
    accountProtected,
    deploymentAllowedModels,
    deploymentAllowedTypes,
    deploymentCapacityCap,
    deploymentContentFilter,
    deploymentModelLifecycle,
    deploymentRegionCapacityCap,
    deploymentSerialized,
    raiPolicyNotWeakened,
    keyExpirationSet,
    keyHsmBacked,
    keyRotationPolicy,
    secretContentTypeSet,
    secretExpirationSet,
    vaultDeleteLock,
    vaultDiagnosticSettings,
    vaultNetworkRestricted,
    vaultPrivateEndpoint,
    vaultProtected,
    vaultPurgeProtection,
    vaultRbacAuthorization,
    vaultSoftDelete,
    privateEndpointAfterDeployments,
    privateEndpointPrivateDnsZones,
];
