// `npm run check:refi` — imports the REFI-QDA samples in ../shared/data/refi-qda with the CLI, inspects the
// workspace, exports it back to .qdpx and validates project.qde against the XSD (python3 lxml, when present).
// A hand check, not a test: it skips with a message when the samples are not on this machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '../../shared/data/refi-qda'));
if (!existsSync(dir)) {
  console.log(`check:refi skipped: no REFI-QDA samples at ${dir} (pass a folder as the first argument).`);
  process.exit(0);
}
const samples = readdirSync(dir).filter((f) => /\.qdpx$/i.test(f));
const xsd = readdirSync(dir).find((f) => /\.xsd$/i.test(f));
const loupe = (...args) => execFileSync(process.execPath, [join(import.meta.dirname, '../bin/loupe.cjs'), ...args], { encoding: 'utf8' });
const work = mkdtempSync(join(tmpdir(), 'loupe-refi-'));
const validator = `
import sys, zipfile
from lxml import etree
schema = etree.XMLSchema(etree.parse(sys.argv[1]))
z = zipfile.ZipFile(sys.argv[2])
name = next(n for n in z.namelist() if n.lower().endswith('.qde'))
ok = schema.validate(etree.fromstring(z.read(name)))
print('valid' if ok else 'INVALID: ' + '; '.join(str(e) for e in schema.error_log))
sys.exit(0 if ok else 1)
`;
let failed = 0;
for (const sample of samples) {
  const ws = join(work, sample.replace(/\.qdpx$/i, '.loupe'));
  const out = join(work, sample.replace(/\.qdpx$/i, '-export.qdpx'));
  console.log(`\n=== ${sample}`);
  process.stdout.write(loupe('import', join(dir, sample), '--workspace', ws));
  const totals = JSON.parse(loupe('inspect', ws, '--json')).totals;
  console.log(`  workspace: ${Object.entries(totals).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  process.stdout.write(loupe('export', ws, '--format', 'qdpx', '--out', out).trimEnd().replace(/^/gm, '  ') + '\n');
  if (xsd === undefined) continue;
  for (const [what, file] of [['sample', join(dir, sample)], ['export', out]]) {
    const r = spawnSync('python3', ['-c', validator, join(dir, xsd), file], { encoding: 'utf8' });
    if (r.error || /No module named/.test(r.stderr)) {
      console.log(`  XSD check skipped: python3 with lxml is not available.`);
      break;
    }
    console.log(`  ${what} against ${xsd}: ${r.stdout.trim() || r.stderr.trim()}`);
    if (r.status !== 0) failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
