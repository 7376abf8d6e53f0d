import { keyExpirationSet } from "../rules/azure-keyvault-key-expiration-set";
import { keyHsmBacked } from "../rules/azure-keyvault-key-hsm-backed";
import { keyRotationPolicy } from "../rules/azure-keyvault-key-rotation-policy";
import { secretContentTypeSet } from "../rules/azure-keyvault-secret-content-type-set";
import { secretExpirationSet } from "../rules/azure-keyvault-secret-expiration-set";
import { vaultDeleteLock } from "../rules/azure-keyvault-vault-delete-lock";
import { vaultDiagnosticSettings } from "../rules/azure-keyvault-vault-diagnostic-settings";
import { vaultNetworkRestricted } from "../rules/azure-keyvault-vault-network-restricted";
import { vaultPrivateEndpoint } from "../rules/azure-keyvault-vault-private-endpoint";
import { vaultProtected } from "../rules/azure-keyvault-vault-protected";
import { vaultPurgeProtection } from "../rules/azure-keyvault-vault-purge-protection";
import { vaultRbacAuthorization } from "../rules/azure-keyvault-vault-rbac-authorization";
import { vaultSoftDelete } from "../rules/azure-keyvault-vault-soft-delete";
import { allUnknown, byName, compliantStack, UNKNOWN, withEntry, withInput, without } from "./fixtures";
import { messages, violations } from "./harness";

const stack = compliantStack();
const VAULT = byName(stack, "vault").urn;

describe(vaultPurgeProtection.name, () => {
    it("passes a vault with purge protection", async () => {
        expect(await messages(vaultPurgeProtection, stack)).toEqual([]);
    });

    it.each([
        [false, "false"],
        [undefined, "not set"],
    ])("reports enablePurgeProtection %p", async (value, shown) => {
        expect(
            await violations(
                vaultPurgeProtection,
                withInput(stack, "vault", "properties.enablePurgeProtection", value),
            ),
        ).toEqual([
            {
                urn: VAULT,
                message:
                    `properties.enablePurgeProtection is ${shown}: a deleted vault and its secrets and keys can be ` +
                    "purged at once, for good; set it to true.",
            },
        ]);
    });

    it("passes when the setting is not known yet", async () => {
        expect(
            await messages(
                vaultPurgeProtection,
                withInput(stack, "vault", "properties.enablePurgeProtection", UNKNOWN),
            ),
        ).toEqual([]);
    });
});

describe(vaultSoftDelete.name, () => {
    it("passes soft delete with 90 days, and soft delete by default (not set)", async () => {
        expect(await messages(vaultSoftDelete, stack, { minimumRetentionDays: 90 })).toEqual([]);
        const defaults = withInput(
            withInput(stack, "vault", "properties.enableSoftDelete", undefined),
            "vault",
            "properties.softDeleteRetentionInDays",
            undefined,
        );
        expect(await messages(vaultSoftDelete, defaults)).toEqual([]);
    });

    it("reports soft delete turned off", async () => {
        expect(
            await messages(vaultSoftDelete, withInput(stack, "vault", "properties.enableSoftDelete", false)),
        ).toEqual([
            "properties.enableSoftDelete is false: a deleted vault and its secrets are gone at once; remove the setting " +
                "or set it to true.",
        ]);
    });

    it("reports a retention period outside the allowed range", async () => {
        const short = withInput(stack, "vault", "properties.softDeleteRetentionInDays", 30);
        expect(await messages(vaultSoftDelete, short, { minimumRetentionDays: 90 })).toEqual([
            "properties.softDeleteRetentionInDays is 30: allowed 90 to 90 days.",
        ]);
        expect(
            await messages(vaultSoftDelete, withInput(stack, "vault", "properties.softDeleteRetentionInDays", 5)),
        ).toEqual(["properties.softDeleteRetentionInDays is 5: allowed 7 to 90 days."]);
    });

    it("passes when the settings are not known yet", async () => {
        const short = withInput(stack, "vault", "properties.softDeleteRetentionInDays", UNKNOWN);
        expect(
            await messages(vaultSoftDelete, withInput(short, "vault", "properties.enableSoftDelete", UNKNOWN), {
                minimumRetentionDays: 90,
            }),
        ).toEqual([]);
    });
});

describe(vaultRbacAuthorization.name, () => {
    it("passes a vault using RBAC", async () => {
        expect(await messages(vaultRbacAuthorization, stack)).toEqual([]);
    });

    it("reports access policies", async () => {
        expect(
            await messages(
                vaultRbacAuthorization,
                withInput(stack, "vault", "properties.enableRbacAuthorization", false),
            ),
        ).toEqual([
            "properties.enableRbacAuthorization is false: access policies grant data-plane access outside Azure RBAC " +
                "and its audit trail; set it to true.",
        ]);
    });

    it("passes when the setting is not known yet", async () => {
        expect(
            await messages(
                vaultRbacAuthorization,
                withInput(stack, "vault", "properties.enableRbacAuthorization", UNKNOWN),
            ),
        ).toEqual([]);
    });
});

describe(vaultNetworkRestricted.name, () => {
    const open = withInput(stack, "vault", "properties.publicNetworkAccess", "Enabled");

    it("passes public access disabled, and public access behind a deny-by-default firewall", async () => {
        expect(await messages(vaultNetworkRestricted, stack, { requirePublicNetworkAccessDisabled: true })).toEqual([]);
        expect(await messages(vaultNetworkRestricted, open)).toEqual([]);
    });

    it("reports public access with a firewall that allows by default", async () => {
        expect(
            await messages(
                vaultNetworkRestricted,
                withInput(open, "vault", "properties.networkAcls.defaultAction", "Allow"),
            ),
        ).toEqual([
            'properties.publicNetworkAccess is "Enabled" and properties.networkAcls.defaultAction is "Allow": the ' +
                'vault accepts requests from any network; set publicNetworkAccess to "Disabled" or ' +
                'networkAcls.defaultAction to "Deny".',
        ]);
    });

    it("requires public access disabled when configured", async () => {
        expect(await messages(vaultNetworkRestricted, open, { requirePublicNetworkAccessDisabled: true })).toEqual([
            'properties.publicNetworkAccess is "Enabled": this environment requires "Disabled", so that the vault is ' +
                "reachable only through its private endpoint.",
        ]);
    });

    it("passes when public access is not known yet", async () => {
        expect(
            await messages(
                vaultNetworkRestricted,
                withInput(open, "vault", "properties.publicNetworkAccess", UNKNOWN),
                { requirePublicNetworkAccessDisabled: true },
            ),
        ).toEqual([]);
    });
});

describe(vaultPrivateEndpoint.name, () => {
    it("passes a vault with a private endpoint", async () => {
        expect(await messages(vaultPrivateEndpoint, stack)).toEqual([]);
    });

    it("reports a vault without a private endpoint", async () => {
        expect(await violations(vaultPrivateEndpoint, without(stack, "vault-pe"))).toEqual([
            {
                urn: VAULT,
                message:
                    'vault "vault" has no private endpoint (no private endpoint of the stack connects to it with group ' +
                    'id "vault"): clients can reach it only over its public endpoint.',
            },
        ]);
    });

    it("passes when ids are not known yet", async () => {
        expect(await messages(vaultPrivateEndpoint, allUnknown(stack))).toEqual([]);
    });
});

describe(vaultDiagnosticSettings.name, () => {
    it("passes AuditEvent, and the audit category group", async () => {
        expect(await messages(vaultDiagnosticSettings, stack)).toEqual([]);
        const group = withInput(stack, "vault-diagnostics", "logs", [{ categoryGroup: "audit", enabled: true }]);
        expect(await messages(vaultDiagnosticSettings, group)).toEqual([]);
    });

    it("reports a vault without diagnostic setting", async () => {
        expect(await messages(vaultDiagnosticSettings, without(stack, "vault-diagnostics"))).toEqual([
            'vault "vault" has no diagnostic setting, so its logs are kept nowhere; add one that enables audit logs ' +
                '(category "AuditEvent", or category group "audit" or "allLogs").',
        ]);
    });

    it("reports a setting without the audit log", async () => {
        const other = withInput(stack, "vault-diagnostics", "logs", [
            { category: "AzurePolicyEvaluationDetails", enabled: true },
        ]);
        expect(await messages(vaultDiagnosticSettings, other)).toEqual([
            'vault "vault" has diagnostic settings ("vault-diagnostics"), but none enables audit logs (category ' +
                '"AuditEvent", or category group "audit" or "allLogs").',
        ]);
    });

    it("passes when the setting's logs are not known yet", async () => {
        expect(
            await messages(vaultDiagnosticSettings, withInput(stack, "vault-diagnostics", "logs.0.category", UNKNOWN)),
        ).toEqual([]);
    });
});

describe(vaultDeleteLock.name, () => {
    it("passes a locked vault and reports an unlocked one", async () => {
        expect(await messages(vaultDeleteLock, stack)).toEqual([]);
        expect(await messages(vaultDeleteLock, without(stack, "vault-lock"))).toEqual([
            'vault "vault" has no CanNotDelete management lock: deleting it (by hand or by a mistaken update) loses the ' +
                "secrets and keys it holds at once.",
        ]);
    });

    it("passes when the lock's scope is not known yet", async () => {
        expect(await messages(vaultDeleteLock, allUnknown(stack))).toEqual([]);
    });
});

describe(vaultProtected.name, () => {
    it("passes a protected vault and reports an unprotected one", async () => {
        expect(await messages(vaultProtected, stack)).toEqual([]);
        expect(await messages(vaultProtected, withEntry(stack, "vault", { protect: false }))).toEqual([
            "the vault is not protected (protect is false): a destroy or a replacement would delete it, and the " +
                "secrets and keys it holds with it.",
        ]);
    });
});

describe(secretExpirationSet.name, () => {
    it("passes a secret with an expiry", async () => {
        expect(await messages(secretExpirationSet, stack)).toEqual([]);
    });

    it("reports a secret without expiry", async () => {
        expect(
            await violations(
                secretExpirationSet,
                withInput(stack, "vault-endpoint", "properties.attributes.expires", undefined),
            ),
        ).toEqual([
            {
                urn: byName(stack, "vault-endpoint").urn,
                message:
                    "properties.attributes.expires is not set: the secret never expires; set an expiry in Unix seconds.",
            },
        ]);
    });

    it("passes when the expiry is not known yet", async () => {
        expect(
            await messages(secretExpirationSet, withInput(stack, "vault-endpoint", "properties.attributes", UNKNOWN)),
        ).toEqual([]);
    });
});

describe(secretContentTypeSet.name, () => {
    it("passes a secret with a content type", async () => {
        expect(await messages(secretContentTypeSet, stack)).toEqual([]);
    });

    it.each([
        [undefined, "not set"],
        ["", '""'],
    ])("reports contentType %p", async (value, shown) => {
        expect(
            await messages(secretContentTypeSet, withInput(stack, "vault-endpoint", "properties.contentType", value)),
        ).toEqual([`properties.contentType is ${shown}: say what the secret holds.`]);
    });

    it("passes when the content type is not known yet, and never reads the secret's value", async () => {
        expect(
            await messages(secretContentTypeSet, withInput(stack, "vault-endpoint", "properties.contentType", UNKNOWN)),
        ).toEqual([]);
        expect(
            await messages(secretContentTypeSet, withInput(stack, "vault-endpoint", "properties.value", UNKNOWN)),
        ).toEqual([]);
    });
});

describe(keyExpirationSet.name, () => {
    it("passes a rotation policy's expiryTime, and an explicit expiry", async () => {
        expect(await messages(keyExpirationSet, stack)).toEqual([]);
        const explicit = withInput(
            withInput(stack, "cmk", "properties.rotationPolicy", undefined),
            "cmk",
            "properties.attributes",
            { expires: 1827619200 },
        );
        expect(await messages(keyExpirationSet, explicit)).toEqual([]);
    });

    it("reports a key that never expires", async () => {
        expect(
            await messages(
                keyExpirationSet,
                withInput(stack, "cmk", "properties.rotationPolicy.attributes", undefined),
            ),
        ).toEqual([
            "neither properties.attributes.expires nor properties.rotationPolicy.attributes.expiryTime is set: the key " +
                "never expires.",
        ]);
    });

    it("passes when the expiry is not known yet", async () => {
        expect(
            await messages(
                keyExpirationSet,
                withInput(stack, "cmk", "properties.rotationPolicy.attributes.expiryTime", UNKNOWN),
            ),
        ).toEqual([]);
    });
});

describe(keyHsmBacked.name, () => {
    it("passes an HSM key and reports a software key", async () => {
        expect(await messages(keyHsmBacked, stack)).toEqual([]);
        expect(await messages(keyHsmBacked, withInput(stack, "cmk", "properties.kty", "RSA"))).toEqual([
            'properties.kty is "RSA": the key is software-protected; use "RSA-HSM" (Premium vault).',
        ]);
    });

    it("passes when the key type is not known yet", async () => {
        expect(await messages(keyHsmBacked, withInput(stack, "cmk", "properties.kty", UNKNOWN))).toEqual([]);
    });
});

describe(keyRotationPolicy.name, () => {
    it("passes rotation after 365 days, and rotation before an expiry", async () => {
        expect(await messages(keyRotationPolicy, stack, { maximumDaysToRotate: 365 })).toEqual([]);
        const beforeExpiry = withInput(stack, "cmk", "properties.rotationPolicy.lifetimeActions", [
            { action: { type: "Rotate" }, trigger: { timeBeforeExpiry: "P30D" } },
        ]);
        expect(await messages(keyRotationPolicy, beforeExpiry, { maximumDaysToRotate: 365 })).toEqual([]);
    });

    it("reports a key without a rotate action", async () => {
        const notifyOnly = withInput(stack, "cmk", "properties.rotationPolicy.lifetimeActions", [
            { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } },
        ]);
        expect(await messages(keyRotationPolicy, notifyOnly)).toEqual([
            'properties.rotationPolicy has no lifetime action of type "rotate": the key is never rotated automatically.',
        ]);
    });

    it("reports rotation later than allowed", async () => {
        expect(await messages(keyRotationPolicy, stack, { maximumDaysToRotate: 90 })).toEqual([
            "properties.rotationPolicy rotates the key 365 days after creation, later than the 90 days allowed.",
        ]);
    });

    it("reports a rotate action Key Vault cannot schedule", async () => {
        const noTrigger = withInput(stack, "cmk", "properties.rotationPolicy.lifetimeActions.0.trigger", {});
        expect(await messages(keyRotationPolicy, noTrigger)).toEqual([
            "properties.rotationPolicy's rotate action has no trigger Key Vault can schedule (timeAfterCreate, or " +
                "timeBeforeExpiry with attributes.expiryTime, as ISO 8601 durations such as P90D).",
        ]);
    });

    it("passes when the rotation policy is not known yet", async () => {
        expect(
            await messages(
                keyRotationPolicy,
                withInput(stack, "cmk", "properties.rotationPolicy.lifetimeActions", UNKNOWN),
                { maximumDaysToRotate: 90 },
            ),
        ).toEqual([]);
        expect(
            await messages(
                keyRotationPolicy,
                withInput(stack, "cmk", "properties.rotationPolicy.lifetimeActions.0.trigger.timeAfterCreate", UNKNOWN),
                {
                    maximumDaysToRotate: 90,
                },
            ),
        ).toEqual([]);
    });
});
