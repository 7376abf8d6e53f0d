/**
 * API Management policy XML, read in document order: the one reader the pack's rules and the
 * program's own check of the policies it writes (infra/gateway/policy-check.ts) share. Parsed with
 * fast-xml-parser: its validator reports malformed XML with line and column, its ordered parser keeps
 * element order, which APIM's policy schema is sensitive to. A leaf: it imports nothing of the pack.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** An element of a policy document: its name, attributes and children in document order. */
export interface PolicyElement {
    readonly name: string;
    readonly attributes: Readonly<Record<string, string>>;
    readonly children: readonly PolicyElement[];
}

type Ordered = Record<string, unknown>[];

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "" });

function toElements(nodes: Ordered): PolicyElement[] {
    return nodes.flatMap((node) => {
        const name = Object.keys(node).find((key) => key !== ":@" && !key.startsWith("#") && !key.startsWith("?"));
        if (!name) {
            return [];
        }
        return [
            {
                name,
                attributes: (node[":@"] as Record<string, string> | undefined) ?? {},
                children: toElements((node[name] as Ordered | undefined) ?? []),
            },
        ];
    });
}

/** The document's top-level elements, or why the XML is malformed (the validator's message, line, column). */
export function parsePolicyXml(xml: string): PolicyElement[] | string {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
        return `${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`;
    }
    return toElements(parser.parse(xml) as Ordered);
}

/** `root` and every element under it, depth first in document order. */
export function* elements(root: PolicyElement): Generator<PolicyElement> {
    yield root;
    for (const child of root.children) {
        yield* elements(child);
    }
}
