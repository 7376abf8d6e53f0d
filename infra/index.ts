// Entry point for `pulumi up`: the runtime calls the exported function and uses its result as the
// stack outputs. The offline plan loads this same module (and may call `validateConfiguration`
// first, so that a configuration mistake registers nothing).
import { main, validateConfiguration } from "./program";

export = Object.assign(main, { validateConfiguration });
