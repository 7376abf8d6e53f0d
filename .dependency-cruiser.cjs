/**
 * The project's architecture as rules (dependency-cruiser; `test/layout.test.ts` runs them):
 * imports flow one way and nothing cycles.
 *
 *   bench, test ─┐
 *   smoke, tools ─┼→ plan ─→ infra ─→ policies/catalog, policies/lib/policy-xml.ts
 *                 └────────────────→ policies (the pack imports only itself and its catalog)
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
    forbidden: [
        {
            name: "no-cycles",
            comment: "An import cycle hides which module owns a concept; move the shared piece down.",
            severity: "error",
            from: {},
            to: { circular: true },
        },
        {
            name: "infra-imports-no-tooling",
            comment: "The Pulumi program must not depend on the tooling around it.",
            severity: "error",
            from: { path: "^infra/" },
            to: { path: "^(plan|tools|smoke|bench|test|scripts|bootstrap)/" },
        },
        {
            name: "infra-reads-only-what-the-pack-shares",
            comment:
                "The program shares the model catalog and the policy-XML reader with the pack, nothing else of the pack.",
            severity: "error",
            from: { path: "^infra/" },
            to: { path: "^policies/", pathNot: "^policies/(catalog/|lib/policy-xml\\.ts$)" },
        },
        {
            name: "pack-is-self-contained",
            comment: "npm pack of policies/ is what pulumi policy publish uploads: it cannot reach outside.",
            severity: "error",
            // What policies/package.json "files" packs (not its tests or scripts).
            from: { path: "^policies/((index|pack|metadata)\\.ts$|(catalog|config|lib|rules)/)" },
            to: { path: "^(?!policies/|node_modules/)", dependencyTypesNot: ["core"] },
        },
        {
            name: "pack-catalog-is-a-leaf",
            comment: "The catalog is read by the program and the pack; it imports neither.",
            severity: "error",
            from: { path: "^policies/catalog/" },
            to: { path: "^policies/(?!catalog/)" },
        },
        {
            name: "pack-policy-xml-is-a-leaf",
            comment:
                "The policy-XML reader is read by the program and the pack; it imports neither (nor @pulumi/policy).",
            severity: "error",
            from: { path: "^policies/lib/policy-xml\\.ts$" },
            to: { path: "^policies/|@pulumi/policy" },
        },
        {
            name: "plan-does-not-import-commands",
            comment: "The plan is a library for the commands around it, not the other way round.",
            severity: "error",
            from: { path: "^plan/" },
            to: { path: "^(smoke|bench|test)/" },
        },
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        exclude: { path: "^(node_modules|tools/armspec/specification|test/fixtures|\\.ci)/" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
        moduleSystems: ["cjs", "es6"],
    },
};
