/**
 * `npm run bench`: runs every benchmark in turn and prints its table.
 * `npm run bench -- append` runs only the ones named.
 *
 * Each module listed here exports `benchmark: Benchmark`; adding one is one line.
 */
import { type Benchmark, formatReport, machineLine } from './measure.js';

const BENCHMARKS = [
  './append.js',
  './api.js',
] as const;

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  console.log(`# Casebook benchmarks: ${machineLine()}`);
  const missed: string[] = [];
  for (const path of BENCHMARKS) {
    const { benchmark } = (await import(path)) as { benchmark: Benchmark };
    if (only.length > 0 && !only.includes(benchmark.name)) continue;
    const started = Date.now();
    const report = await benchmark.run();
    console.log(`\n${formatReport(report)}\n(${benchmark.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const t of report.targets) if (!t.met) missed.push(`${benchmark.name}: ${t.description}`);
  }
  console.log(missed.length === 0 ? '\nall targets met' : `\n${missed.length} target(s) NOT met:\n  ${missed.join('\n  ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
