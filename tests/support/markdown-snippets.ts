/** A TypeScript block of a Markdown document. */
export interface Snippet {
  /** Where the block starts (1-based line of its first code line). */
  line: number;
  code: string;
}

/** Every ```ts and ```typescript block of a Markdown text, unindented (a block may sit in a list). */
export function extractSnippets(markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  const fence = /^( *)```(?:ts|typescript)\s*\n([\s\S]*?)^ *```\s*$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    const line = markdown.slice(0, m.index).split('\n').length + 1;
    const indent = new RegExp(`^ {0,${m[1]?.length ?? 0}}`, 'gm');
    snippets.push({ line, code: (m[2] ?? '').replace(indent, '') });
  }
  return snippets;
}
