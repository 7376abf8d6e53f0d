// The policy pack's entry point for the Pulumi CLI (`pulumi preview --policy-pack policies`). Only
// this file constructs the PolicyPack, which starts the analyzer's gRPC server; everything else
// imports the rules from ./pack.
import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies } from "./pack";

new PolicyPack(PACK_NAME, {
    policies,
    enforcementLevel: PACK_ENFORCEMENT_LEVEL,
    description: "Compliance rules for the Azure OpenAI platform stacks: accounts, deployments, Key Vault, network.",
    provider: "azure",
    tags: ["azure", "azure-openai", "key-vault"],
});
