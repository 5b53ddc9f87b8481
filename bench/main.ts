// `npm run bench`: the engine against the GoTo sandbox on 127.0.0.1, every figure in docs/benchmarks.md.
//
//   npm run bench                         full run (~3–4 min), table on stdout
//   npm run bench -- --quick              every figure, shorter (rough numbers, < 1 min)
//   npm run bench -- --only latency,memory
//   npm run bench -- --json bench.json    also write the raw results (and the machine) as JSON
//   npm run bench -- --json               JSON on stdout instead of the table (progress → stderr)
//   npm run bench -- --markdown           the table as Markdown (for docs/benchmarks.md)
//
// Exit code 0 whatever the numbers: a benchmark reports, it never fails because the machine is
// slow. Only a crash of the harness itself exits non-zero.
import { writeFileSync } from 'node:fs';
import { measureIdleCpu } from './memory';
import { FIGURES, fullPlan, quickPlan, type FigureId } from './plan';
import { machine, markdownTable, rows, table } from './report';
import { runBench } from './run';

function parse(argv: string[]) {
  let quick = false;
  let markdown = false;
  let json: string | null | undefined; // undefined: no JSON; null: stdout
  let only: Set<FigureId> = new Set(FIGURES);
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--markdown') markdown = true;
    else if (a === '--json') {
      const next = argv[i + 1];
      if (next && !next.startsWith('--')) {
        json = next;
        i += 1;
      } else json = null;
    } else if (a === '--only') {
      const list = (argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = list.filter((x) => !FIGURES.includes(x as FigureId));
      if (unknown.length > 0) throw new Error(`unknown figure(s) ${unknown.join(', ')}; choose from ${FIGURES.join(', ')}`);
      only = new Set(list as FigureId[]);
    } else throw new Error(`unknown argument ${a ?? ''}`);
  }
  return { quick, markdown, json, only };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--idle-child') {
    // The idle-CPU figure's own fresh process (see measureIdleCpuInChild).
    process.stdout.write(`${JSON.stringify(await measureIdleCpu(Number(process.argv[3]), Number(process.argv[4] ?? 20_000)))}\n`);
    return;
  }
  const args = parse(process.argv.slice(2));
  const plan = args.quick ? quickPlan(args.only) : fullPlan(args.only);
  const toStdout = args.json === null;
  const progress = (line: string): void => void process.stderr.write(`${line}\n`);
  const m = machine();
  progress(`Ringtray bench (${args.quick ? 'quick' : 'full'}) on ${m.nproc} × ${m.model}, ${m.memoryGB} GB, Node ${m.node}`);
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') progress('note: run with node --expose-gc for the memory figure');
  const started = performance.now();
  const results = await runBench(plan, progress);
  const durationS = (performance.now() - started) / 1000;
  const list = rows(results);
  const payload = { machine: m, mode: args.quick ? 'quick' : 'full', durationS, rows: list, results };
  if (toStdout) process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
  else {
    process.stdout.write(`\n${args.markdown ? markdownTable(list) : table(list)}\n\n`);
    process.stdout.write(`${m.nproc} × ${m.model}, ${m.memoryGB} GB RAM, Node ${m.node}, ${m.platform}; ${durationS.toFixed(0)} s\n`);
  }
  if (typeof args.json === 'string') {
    writeFileSync(args.json, `${JSON.stringify(payload, null, 2)}\n`);
    progress(`results written to ${args.json}`);
  }
}

main().then(
  // Sandboxes and sockets are closed by the figures; exit explicitly so a stray handle cannot hang the run.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
