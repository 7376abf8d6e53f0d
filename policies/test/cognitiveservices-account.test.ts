import { accountCustomerManagedKey } from "../rules/azure-cognitiveservices-account-customer-managed-key";
import { accountDeleteLock } from "../rules/azure-cognitiveservices-account-delete-lock";
import { accountDiagnosticSettings } from "../rules/azure-cognitiveservices-account-diagnostic-settings";
import { accountLocalAuthDisabled } from "../rules/azure-cognitiveservices-account-local-auth-disabled";
import { accountManagedIdentity } from "../rules/azure-cognitiveservices-account-managed-identity";
import { accountNetworkRestricted } from "../rules/azure-cognitiveservices-account-network-restricted";
import { accountOutboundRestricted } from "../rules/azure-cognitiveservices-account-outbound-restricted";
import { accountPrivateEndpoint } from "../rules/azure-cognitiveservices-account-private-endpoint";
import { accountProtected } from "../rules/azure-cognitiveservices-account-protected";
import { allUnknown, byName, compliantStack, UNKNOWN, withEntry, withInput, without } from "./fixtures";
import { messages, violations } from "./harness";

const stack = compliantStack();
const ACCOUNT = byName(stack, "acct").urn;

describe(accountLocalAuthDisabled.name, () => {
    it("passes an account with local auth disabled", async () => {
        expect(await messages(accountLocalAuthDisabled, stack)).toEqual([]);
    });

    it.each([
        [false, "false"],
        [undefined, "not set"],
    ])("reports disableLocalAuth %p", async (value, shown) => {
        const result = await violations(
            accountLocalAuthDisabled,
            withInput(stack, "acct", "properties.disableLocalAuth", value),
        );
        expect(result).toEqual([
            {
                urn: ACCOUNT,
                message:
                    `properties.disableLocalAuth is ${shown}: anyone holding an account key can call the models; ` +
                    "set it to true so that callers must authenticate with Entra ID.",
            },
        ]);
    });

    it("passes when disableLocalAuth is not known yet", async () => {
        expect(
            await messages(accountLocalAuthDisabled, withInput(stack, "acct", "properties.disableLocalAuth", UNKNOWN)),
        ).toEqual([]);
    });
});

describe(accountNetworkRestricted.name, () => {
    const open = withInput(stack, "acct", "properties.publicNetworkAccess", "Enabled");

    it("passes public access disabled, and public access behind a deny-by-default firewall", async () => {
        expect(await messages(accountNetworkRestricted, stack)).toEqual([]);
        expect(await messages(accountNetworkRestricted, open)).toEqual([]);
    });

    it("reports public access with a firewall that allows by default", async () => {
        expect(
            await messages(
                accountNetworkRestricted,
                withInput(open, "acct", "properties.networkAcls.defaultAction", "Allow"),
            ),
        ).toEqual([
            'properties.publicNetworkAccess is "Enabled" and properties.networkAcls.defaultAction is "Allow": the ' +
                'account accepts calls from any network; set publicNetworkAccess to "Disabled" or ' +
                'networkAcls.defaultAction to "Deny".',
        ]);
    });

    it("reports public access by default (not set) without network rules", async () => {
        const unset = withInput(
            withInput(stack, "acct", "properties.publicNetworkAccess", undefined),
            "acct",
            "properties.networkAcls",
            undefined,
        );
        expect(await messages(accountNetworkRestricted, unset)).toEqual([
            "properties.publicNetworkAccess is not set and properties.networkAcls.defaultAction is not set: the " +
                'account accepts calls from any network; set publicNetworkAccess to "Disabled" or ' +
                'networkAcls.defaultAction to "Deny".',
        ]);
    });

    it("requires public access disabled when configured, even behind a firewall", async () => {
        expect(await messages(accountNetworkRestricted, open, { requirePublicNetworkAccessDisabled: true })).toEqual([
            'properties.publicNetworkAccess is "Enabled": this environment requires "Disabled", so that the account ' +
                "is reachable only through its private endpoint.",
        ]);
        expect(await messages(accountNetworkRestricted, stack, { requirePublicNetworkAccessDisabled: true })).toEqual(
            [],
        );
    });

    it("passes when public access or the firewall's default action is not known yet", async () => {
        const allowed = withInput(open, "acct", "properties.networkAcls.defaultAction", "Allow");
        expect(
            await messages(
                accountNetworkRestricted,
                withInput(allowed, "acct", "properties.publicNetworkAccess", UNKNOWN),
            ),
        ).toEqual([]);
        expect(
            await messages(
                accountNetworkRestricted,
                withInput(open, "acct", "properties.networkAcls.defaultAction", UNKNOWN),
            ),
        ).toEqual([]);
    });
});

describe(accountCustomerManagedKey.name, () => {
    it("passes an account encrypted with a Key Vault key", async () => {
        expect(await messages(accountCustomerManagedKey, stack)).toEqual([]);
    });

    it("reports Microsoft-managed keys", async () => {
        expect(
            await messages(accountCustomerManagedKey, withInput(stack, "acct", "properties.encryption", undefined)),
        ).toEqual([
            "properties.encryption.keySource is not set: data at rest is encrypted with a Microsoft-managed key; set " +
                'it to "Microsoft.KeyVault" with keyVaultProperties.',
        ]);
        expect(
            await messages(
                accountCustomerManagedKey,
                withInput(stack, "acct", "properties.encryption.keySource", "Microsoft.CognitiveServices"),
            ),
        ).toEqual([
            'properties.encryption.keySource is "Microsoft.CognitiveServices": data at rest is encrypted with a ' +
                'Microsoft-managed key; set it to "Microsoft.KeyVault" with keyVaultProperties.',
        ]);
    });

    it.each(["keyName", "keyVaultUri"])("reports a missing keyVaultProperties.%s", async (field) => {
        const broken = withInput(stack, "acct", `properties.encryption.keyVaultProperties.${field}`, undefined);
        expect(await messages(accountCustomerManagedKey, broken)).toEqual([
            `properties.encryption.keyVaultProperties.${field} is not set: a customer-managed key needs the key's name ` +
                "and its vault's URI.",
        ]);
    });

    it("passes when the key source or the vault URI is not known yet", async () => {
        expect(
            await messages(
                accountCustomerManagedKey,
                withInput(stack, "acct", "properties.encryption.keySource", UNKNOWN),
            ),
        ).toEqual([]);
        expect(
            await messages(
                accountCustomerManagedKey,
                withInput(stack, "acct", "properties.encryption.keyVaultProperties.keyVaultUri", UNKNOWN),
            ),
        ).toEqual([]);
    });
});

describe(accountManagedIdentity.name, () => {
    it("passes a system- and user-assigned identity", async () => {
        expect(await messages(accountManagedIdentity, stack)).toEqual([]);
    });

    it.each([
        [undefined, "not set"],
        ["None", '"None"'],
    ])("reports identity.type %p", async (value, shown) => {
        expect(await messages(accountManagedIdentity, withInput(stack, "acct", "identity.type", value))).toEqual([
            `identity.type is ${shown}: the account has no managed identity; set it to "SystemAssigned" (add ` +
                '"UserAssigned" for a customer-managed key).',
        ]);
    });

    it("passes when the identity is not known yet", async () => {
        expect(await messages(accountManagedIdentity, withInput(stack, "acct", "identity", UNKNOWN))).toEqual([]);
    });
});

describe(accountOutboundRestricted.name, () => {
    it("passes restricted outbound access with an allow-list", async () => {
        expect(await messages(accountOutboundRestricted, stack)).toEqual([]);
    });

    it("reports unrestricted outbound access", async () => {
        expect(
            await messages(
                accountOutboundRestricted,
                withInput(stack, "acct", "properties.restrictOutboundNetworkAccess", false),
            ),
        ).toEqual([
            "properties.restrictOutboundNetworkAccess is false: the account can send data to any host; set it to true " +
                "and list the allowed hosts in properties.allowedFqdnList.",
        ]);
    });

    it("reports an empty allow-list", async () => {
        expect(
            await messages(accountOutboundRestricted, withInput(stack, "acct", "properties.allowedFqdnList", [])),
        ).toEqual([
            "properties.allowedFqdnList is empty: outbound access is restricted but no allowed host is listed; list " +
                "the hosts the account must reach (CKV_AZURE_247 requires the list).",
        ]);
    });

    it("passes when the flag or the list is not known yet", async () => {
        const open = withInput(stack, "acct", "properties.restrictOutboundNetworkAccess", UNKNOWN);
        expect(await messages(accountOutboundRestricted, open)).toEqual([]);
        expect(
            await messages(accountOutboundRestricted, withInput(stack, "acct", "properties.allowedFqdnList", UNKNOWN)),
        ).toEqual([]);
    });
});

describe(accountPrivateEndpoint.name, () => {
    it("passes an account with a private endpoint", async () => {
        expect(await messages(accountPrivateEndpoint, stack)).toEqual([]);
    });

    it("reports an account without a private endpoint", async () => {
        expect(await violations(accountPrivateEndpoint, without(stack, "acct-pe"))).toEqual([
            {
                urn: ACCOUNT,
                message:
                    'account "acct" has no private endpoint (no private endpoint of the stack connects to it with ' +
                    'group id "account"): clients can reach it only over its public endpoint.',
            },
        ]);
    });

    it("does not count an endpoint with another group id", async () => {
        const wrongGroup = withInput(stack, "acct-pe", "privateLinkServiceConnections.0.groupIds", ["vault"]);
        expect(await messages(accountPrivateEndpoint, wrongGroup)).toHaveLength(1);
    });

    it("passes when the endpoint's target id is not known yet but it depends on the account", async () => {
        const unknownTarget = withInput(
            stack,
            "acct-pe",
            "privateLinkServiceConnections.0.privateLinkServiceId",
            UNKNOWN,
        );
        expect(await messages(accountPrivateEndpoint, unknownTarget)).toEqual([]);
        expect(await messages(accountPrivateEndpoint, allUnknown(stack))).toEqual([]);
    });

    it("matches by name when the account's name is known and the endpoint's target id is", async () => {
        // The id of another account of the same name pattern does not count.
        const other = withInput(
            stack,
            "acct-pe",
            "privateLinkServiceConnections.0.privateLinkServiceId",
            "/subscriptions/x/resourceGroups/y/providers/Microsoft.CognitiveServices/accounts/someone-else",
        );
        expect(await messages(accountPrivateEndpoint, other)).toHaveLength(1);
    });
});

describe(accountDiagnosticSettings.name, () => {
    it("passes an account whose diagnostic setting enables logs", async () => {
        expect(await messages(accountDiagnosticSettings, stack)).toEqual([]);
    });

    it("reports an account without diagnostic setting", async () => {
        expect(await violations(accountDiagnosticSettings, without(stack, "acct-diagnostics"))).toEqual([
            {
                urn: ACCOUNT,
                message:
                    'account "acct" has no diagnostic setting, so its logs are kept nowhere; add one that enables ' +
                    "resource logs (any enabled log category or category group).",
            },
        ]);
    });

    it("reports a diagnostic setting that enables no log", async () => {
        const disabled = withInput(stack, "acct-diagnostics", "logs", [{ categoryGroup: "audit", enabled: false }]);
        expect(await messages(accountDiagnosticSettings, disabled)).toEqual([
            'account "acct" has diagnostic settings ("acct-diagnostics"), but none enables resource logs (any enabled ' +
                "log category or category group).",
        ]);
    });

    it("passes when the setting's target or logs are not known yet", async () => {
        expect(
            await messages(accountDiagnosticSettings, withInput(stack, "acct-diagnostics", "resourceUri", UNKNOWN)),
        ).toEqual([]);
        expect(
            await messages(accountDiagnosticSettings, withInput(stack, "acct-diagnostics", "logs", UNKNOWN)),
        ).toEqual([]);
    });
});

describe(accountDeleteLock.name, () => {
    it("passes an account with a CanNotDelete lock", async () => {
        expect(await messages(accountDeleteLock, stack)).toEqual([]);
    });

    it("reports an account without lock", async () => {
        expect(await messages(accountDeleteLock, without(stack, "acct-lock"))).toEqual([
            'account "acct" has no CanNotDelete management lock: deleting it (by hand or by a mistaken update) loses ' +
                "its endpoint, deployments and content filters at once.",
        ]);
    });

    it("does not count a lock of another level", async () => {
        expect(await messages(accountDeleteLock, withInput(stack, "acct-lock", "level", "NotSpecified"))).toHaveLength(
            1,
        );
    });

    it("passes when the lock's scope is not known yet", async () => {
        expect(await messages(accountDeleteLock, withInput(stack, "acct-lock", "scope", UNKNOWN))).toEqual([]);
    });
});

describe(accountProtected.name, () => {
    it("passes a protected account", async () => {
        expect(await messages(accountProtected, stack)).toEqual([]);
    });

    it("reports an unprotected account", async () => {
        expect(await messages(accountProtected, withEntry(stack, "acct", { protect: false }))).toEqual([
            "the account is not protected (protect is false): a destroy or a replacement would delete it, and its " +
                "endpoint, deployments and content filters with it.",
        ]);
    });

    it("reads no input, so unknown values cannot affect it", async () => {
        expect(await messages(accountProtected, allUnknown(stack))).toEqual([]);
    });
});
