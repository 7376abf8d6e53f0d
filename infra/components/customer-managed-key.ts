import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { assignRoles } from "./role-grant";

export interface CustomerManagedKeyArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: string;
    /** The vault that holds the key (purge protection on, as CMK requires). */
    readonly vaultName: pulumi.Input<string>;
    readonly vaultId: pulumi.Input<string>;
    readonly vaultUri: pulumi.Input<string>;
    readonly subscriptionId: pulumi.Input<string>;
    /** RSA key size: 2048, 3072 or 4096. */
    readonly keySize: number;
    /** Days after creation when Key Vault rotates the key. */
    readonly rotationDays: number;
    readonly tags: Readonly<Record<string, string>>;
}

/**
 * A customer-managed key for the accounts: an RSA key with a rotation policy, and a user-assigned
 * identity granted `Key Vault Crypto Service Encryption User` on the vault. Accounts that use it
 * must depend on `grants`, so that the identity can unwrap the key when the account is created.
 */
export class CustomerManagedKey extends pulumi.ComponentResource {
    public readonly identity: managedidentity.UserAssignedIdentity;
    public readonly key: keyvault.Key;
    public readonly grants: readonly pulumi.Resource[];
    public readonly keyName: pulumi.Output<string>;
    public readonly keyVersion: pulumi.Output<string>;
    public readonly keyVaultUri: pulumi.Output<string>;

    constructor(name: string, args: CustomerManagedKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:CustomerManagedKey", name, {}, opts);

        this.identity = new managedidentity.UserAssignedIdentity(
            `${name}-identity`,
            { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags },
            { parent: this },
        );
        this.key = new keyvault.Key(
            name,
            {
                resourceGroupName: args.resourceGroupName,
                vaultName: args.vaultName,
                keyName: "openai-cmk",
                properties: {
                    kty: "RSA",
                    keySize: args.keySize,
                    keyOps: ["wrapKey", "unwrapKey"],
                    rotationPolicy: {
                        attributes: { expiryTime: `P${args.rotationDays + 30}D` },
                        lifetimeActions: [
                            { trigger: { timeAfterCreate: `P${args.rotationDays}D` }, action: { type: "rotate" } },
                            { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } },
                        ],
                    },
                },
                tags: args.tags,
            },
            { parent: this },
        );
        this.grants = assignRoles(
            `${name}-vault`,
            args.vaultId,
            args.subscriptionId,
            [
                {
                    role: "Key Vault Crypto Service Encryption User",
                    principalId: this.identity.principalId,
                    principalType: "ServicePrincipal",
                    principalKey: "cmk-identity",
                },
            ],
            this,
        );
        this.keyName = this.key.name;
        // keyUriWithVersion ends with /keys/<name>/<version>.
        this.keyVersion = this.key.keyUriWithVersion.apply((uri) => uri.split("/").pop() ?? "");
        this.keyVaultUri = pulumi.output(args.vaultUri);
        this.registerOutputs({ keyName: this.keyName, keyVersion: this.keyVersion, identityId: this.identity.id });
    }
}
