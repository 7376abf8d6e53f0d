// Parses Mermaid diagrams with Mermaid's own parser (mermaid.parse), the one GitHub's renderer
// runs. Reads a JSON array of diagram sources on stdin; prints a JSON array of results
// ({ ok: true, type } or { ok: false, error }). A separate Node process because mermaid is an ES
// module (Jest's module system would need experimental VM modules to load it).
//
// mermaid.parse sanitises labels with DOMPurify, which needs a DOM: jsdom provides the window
// DOMPurify documents for Node. Nothing is rendered, so no layout engine or browser is needed.
import { JSDOM } from "jsdom";

const { window } = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
globalThis.DOMParser = window.DOMParser;
globalThis.Element = window.Element;

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let input = "";
for await (const chunk of process.stdin) {
    input += chunk;
}
const results = [];
for (const source of JSON.parse(input)) {
    try {
        const result = await mermaid.parse(source);
        results.push({ ok: true, type: result.diagramType });
    } catch (error) {
        results.push({ ok: false, error: String(error?.message ?? error) });
    }
}
process.stdout.write(JSON.stringify(results));
