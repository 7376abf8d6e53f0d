// Entry point for `pulumi up`: the runtime calls the exported function and uses its result as the
// stack outputs. The offline plan loads this same module.
import { main } from "./program";

export = main;
