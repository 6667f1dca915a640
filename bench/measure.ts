/**
 * Measuring for the benchmarks: latencies (p50/p99), throughput, peak RSS,
 * and the table every benchmark prints. No dependencies beyond Node.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

const MIB = 1024 * 1024;

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
export const now = (): number => performance.now();

/** Latencies in milliseconds, kept whole so percentiles are exact. */
export class LatencyRecorder {
  private values = new Float64Array(1024);
  private size = 0;

  record(ms: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = ms;
  }

  get count(): number {
    return this.size;
  }

  summary(): LatencySummary | null {
    if (this.size === 0) return null;
    const sorted = this.values.slice(0, this.size).sort();
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1]! };
  }
}

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * Peak resident set size while a benchmark runs: sampled on a timer, and on
 * demand by code that runs long without yielding to the event loop (a timer
 * cannot fire during a synchronous loop or a run of microtasks).
 */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(intervalMs = 10): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  /** Stops sampling; answers the peak in MiB. */
  stop(): number {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.peak / MIB;
  }
}

/** One line of a benchmark's table. */
export interface BenchRow {
  readonly operation: string;
  readonly count: number;
  readonly seconds: number;
  /** Null where a per-operation latency means nothing (a streamed read). */
  readonly latency: LatencySummary | null;
  readonly peakRssMiB: number;
}

export interface Target {
  readonly description: string;
  readonly met: boolean;
  /** The measured figure, as it should read next to the verdict. */
  readonly figure: string;
}

export interface BenchReport {
  readonly title: string;
  readonly rows: readonly BenchRow[];
  /** Lines printed under the table: how it was measured, derived figures. */
  readonly notes: readonly string[];
  readonly targets: readonly Target[];
  /** What the throughput column counts, in the plural; events unless said. */
  readonly rateUnit?: string;
}

export interface Benchmark {
  readonly name: string;
  run(): Promise<BenchReport>;
}

export function eventsPerSecond(row: Pick<BenchRow, 'count' | 'seconds'>): number {
  return row.count / row.seconds;
}

/** Times one phase: wall clock, latencies recorded by the caller, peak RSS. */
export async function measure(
  operation: string,
  body: (ctx: { latency: LatencyRecorder; rss: RssSampler }) => Promise<number> | number,
): Promise<BenchRow> {
  const latency = new LatencyRecorder();
  const rss = new RssSampler().start();
  const started = now();
  let count: number;
  let seconds: number;
  let peakRssMiB: number;
  try {
    count = await body({ latency, rss });
  } finally {
    seconds = (now() - started) / 1000;
    peakRssMiB = rss.stop();
  }
  return { operation, count, seconds, latency: latency.summary(), peakRssMiB };
}

const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const ms = (v: number): string => (v < 10 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(1));

export function formatRate(perSecond: number): string {
  return int.format(Math.round(perSecond));
}

export function formatTable(rows: readonly BenchRow[], rateUnit = 'events'): string {
  const header = ['operation', 'count', `throughput (${rateUnit}/s)`, 'p50 ms', 'p99 ms', 'peak RSS MiB'];
  const body = rows.map((r) => [
    r.operation,
    int.format(r.count),
    formatRate(eventsPerSecond(r)),
    r.latency ? ms(r.latency.p50) : '-',
    r.latency ? ms(r.latency.p99) : '-',
    r.peakRssMiB.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

export function formatReport(report: BenchReport): string {
  const out = [`## ${report.title}`, '', formatTable(report.rows, report.rateUnit), ''];
  for (const note of report.notes) out.push(note);
  if (report.notes.length > 0) out.push('');
  for (const t of report.targets) out.push(`target ${t.description}: ${t.met ? 'met' : 'NOT met'} (${t.figure})`);
  return out.join('\n');
}

export function machineLine(): string {
  const cpuList = cpus();
  return `node ${process.version}, ${process.platform}/${process.arch}, ${cpuList.length} cores (${cpuList[0]?.model ?? 'unknown CPU'})`;
}
