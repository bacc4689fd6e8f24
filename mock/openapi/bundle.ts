import { isAlias, isNode, parseDocument, stringify, visit } from 'yaml';

/**
 * The contract as one document that any tool reads the same way: no YAML anchors or aliases
 * (Java-based tools dropped every aliased `headers:` block), and no comments, in YAML and in JSON.
 * `$ref`s are kept, not dereferenced, so tools still see the shared components by name.
 * `npm run generate` commits it (generated/openapi.bundle.*) and the mock serves it at
 * `/api/openapi.yaml` and `/api/openapi.json`.
 */
export interface Bundle {
  yaml: string;
  json: string;
}

/** Renders a parsed contract (aliases already resolved into values) as its alias-free bundle. */
export function renderBundle(document: unknown): Bundle {
  return {
    // lineWidth 0: long descriptions stay on one line rather than folded, the same text in every tool.
    yaml: stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 }),
    json: `${JSON.stringify(document, null, 2)}\n`,
  };
}

/** The anchors and aliases of a YAML text, as `&name` and `*name`: none in a portable contract. */
export function yamlAliases(text: string): string[] {
  const found: string[] = [];
  visit(parseDocument(text), (_key, node) => {
    if (isAlias(node)) found.push(`*${node.source}`);
    else if (isNode(node) && node.anchor) found.push(`&${node.anchor}`);
  });
  return found;
}
