/** `loupe agreement <file.loupe> --coders A,B [--universe coded-by-either|sources-coded-by-both] [--json]`: intercoder agreement. */
import { parseArgs } from 'node:util';
import { agreement, type AgreementReport, type AgreementTable, type UnitUniverse } from '../../core/merge/agreement';
import { CliFailure, readWorkspaceFile, UsageError, type Command } from '../context';

export const agreementCommand: Command = {
  name: 'agreement',
  summary: "Percent agreement and Cohen's kappa between two coders, per tag.",
  usage: 'loupe agreement <file.loupe> --coders A,B [--universe coded-by-either|sources-coded-by-both] [--json]',
  run({ args, io }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { coders: { type: 'string' }, universe: { type: 'string', default: 'coded-by-either' }, json: { type: 'boolean', default: false } },
    });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('missing the workspace file');
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const coders = (values.coders ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
    const [a, b] = coders;
    if (coders.length !== 2 || a === undefined || b === undefined) throw new UsageError('--coders needs two coder names, e.g. --coders ana,ben');
    const universe = values.universe;
    if (universe !== 'coded-by-either' && universe !== 'sources-coded-by-both') throw new UsageError('--universe must be coded-by-either or sources-coded-by-both');
    const snapshot = readWorkspaceFile(file);
    const known = new Set(snapshot.tables.taggings.map((t) => t.coder));
    const missing = coders.filter((c) => !known.has(c));
    if (missing.length > 0) {
      throw new CliFailure(`no taggings by ${missing.map((c) => `"${c}"`).join(' or ')} in ${file}. Coders in this workspace: ${[...known].sort().join(', ') || 'none'}.`);
    }
    const report = agreement(snapshot, a, b, { unitUniverse: universe satisfies UnitUniverse });
    io.out(values.json ? JSON.stringify(report, null, 2) + '\n' : formatAgreement(report));
    return 0;
  },
};

const pct = (t: AgreementTable): string => (t.percent === null ? '–' : `${t.percent.toFixed(1)}%`);
const kap = (k: number | null): string => (k === null ? '–' : k.toFixed(3));

export function formatAgreement(r: AgreementReport): string {
  const [a, b] = r.coders;
  const lines = [
    `Agreement between ${a} and ${b}`,
    `  units: ${r.universe.unitCount} unit(s) (${r.universe.units === 'coded-by-either' ? 'every unit either coder tagged' : 'every unit of the sources both coders tagged in'})`,
    `  text:  ${r.universe.characters} character(s) in ${r.universe.textUnitCount} unit(s) with coded passages`,
    '',
  ];
  const width = Math.max(3, ...r.tags.map((t) => t.tagName.length));
  lines.push(`  ${'Tag'.padEnd(width)}  ${'units %'.padStart(8)}  ${'κ'.padStart(6)}  ${'text %'.padStart(8)}  ${'κ'.padStart(6)}`);
  const row = (name: string, u: AgreementTable, t: AgreementTable): string =>
    `  ${name.padEnd(width)}  ${pct(u).padStart(8)}  ${kap(u.kappa).padStart(6)}  ${pct(t).padStart(8)}  ${kap(t.kappa).padStart(6)}`;
  for (const t of r.tags) lines.push(row(t.tagName, t.units, t.text));
  lines.push(row('Overall (pooled)', r.overall.units, r.overall.text));
  lines.push(`  Mean κ over tags: units ${kap(r.overall.meanKappaUnits)}, text ${kap(r.overall.meanKappaText)}`);
  return lines.join('\n') + '\n';
}
