import type { InstallResult, InstallRow } from './install.ts';

const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b ? `${(a / b).toFixed(2)}x` : '-';
const cell = (n: number | undefined) => (n === undefined ? '-' : `${n}`);

/** Each warning npm gave once, with the rows it was given in. */
function warningList(rows: InstallRow[]): string[] {
  const where = new Map<string, string[]>();
  for (const r of rows) for (const w of r.warnings ?? []) where.set(w, [...(where.get(w) ?? []), r.name]);
  return where.size
    ? ['', 'npm warned:', ...[...where].map(([w, names]) => `- ${names.join(', ')}: \`\` npm warn ${w} \`\``)]
    : [];
}

/** The step's Markdown tables: the quick start warm and cold, the tarballs, each package alone. */
export function renderInstallTable(result: InstallResult): string {
  const installRow = (r: InstallRow, peer?: InstallRow) =>
    `| ${r.name} | ${r.cache} | ${cell(r.packages)} | ${cell(r.devOptional)} | ${cell(r.mb)} | ${cell(r.seconds)} | ${ratio(r.mb, peer?.mb)} | ${r.load} | ${r.error ? `failed: ${r.error.split('\n')[0]}` : (r.warnings ?? []).length} |`;
  const out: string[] = [];
  const head = (first: string, versus: string) => [
    `| ${first} | npm cache | packages | of them devOptional | MB | s | MB ${versus} | load | npm warnings |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  if (result.quickStart.length) {
    const [warm] = result.quickStart;
    out.push(...head('the quick start', 'vs warm'));
    for (const r of result.quickStart) out.push(installRow(r, warm));
    out.push(...warningList(result.quickStart), '');
  }
  out.push('| package | tarball kB | files | npm pack s |', '|---|---:|---:|---:|');
  for (const p of result.packed)
    out.push(
      `| ${p.name} (${p.folder}/) | ${cell(p.kb)} | ${cell(p.files)} | ${p.error ? `failed: ${p.error.split('\n')[0]}` : cell(p.seconds)} |`,
    );
  const fetchPeer = result.alone.find((r) => r.name.startsWith('openapi-fetch@'));
  out.push('', ...head('installed alone into an empty project', 'vs openapi-fetch'));
  for (const r of result.alone) out.push(installRow(r, fetchPeer));
  out.push(...warningList(result.alone));
  const clientName = result.packed.find((p) => p.folder === 'client')?.name;
  const client = result.alone.find((r) => r.name === clientName);
  if (client && fetchPeer)
    out.push(
      '',
      `The client alone vs openapi-fetch alone: ${ratio(client.packages, fetchPeer.packages)} the packages (${cell(client.packages)} vs ${cell(fetchPeer.packages)}, the client itself among them), ${ratio(client.mb, fetchPeer.mb)} the MB.`,
    );
  return out.join('\n');
}
