/** Small helpers shared by the rules: type filtering and configuration with defaults. */
import type { ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";

/**
 * Like `validateResourceOfType` from @pulumi/policy, but keyed by the type token, so the pack needs
 * no provider SDK: other types are `notApplicable` (as in the SDK since 1.18), and the token is
 * attached as `__pulumiType`, which the SDK's server reads to skip other types without a call.
 */
export function validateType<P>(
    type: string,
    validate: (props: P, args: ResourceValidationArgs, reportViolation: ReportViolation) => void | Promise<void>,
): ResourceValidation {
    const validation: ResourceValidation = (args, reportViolation) => {
        if (args.type !== type) {
            return args.notApplicable(`Policy only applies to resources of type '${type}'`);
        }
        return validate(args.props as P, args, reportViolation);
    };
    return Object.assign(validation, { __pulumiType: type });
}

/**
 * The policy's configuration over its defaults. The Pulumi CLI already fills in `configSchema`
 * defaults; merging them again keeps a rule correct wherever it runs.
 */
export function configOf<T extends object>(args: ResourceValidationArgs | StackValidationArgs, defaults: T): T {
    return { ...defaults, ...args.getConfig<Partial<T>>() };
}
