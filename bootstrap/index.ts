// Entry point for `pulumi up` in bootstrap/: the runtime calls the exported function and uses its
// result as the stack outputs. The tests load this same module under mocks (and call
// `validateConfiguration` first, so that a configuration mistake registers nothing).
import { main, readConfig } from "./program";

export = Object.assign(main, { validateConfiguration: () => readConfig() });
