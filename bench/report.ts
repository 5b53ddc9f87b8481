// The results as a table: one row per number, median with its spread over the runs, the target
// and whether the median meets it. Also the machine the numbers came from.
import { cpus, totalmem } from 'node:os';
import type { BenchResults } from './run';
import { formatSpread, percentile, sortedCopy, spread } from './stats';

export interface Row {
  figure: string;
  measure: string;
  result: string;
  target: string;
  verdict: 'meets' | 'misses' | '—';
}

export interface Machine {
  nproc: number;
  model: string;
  memoryGB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  const list = cpus();
  return { nproc: list.length, model: list[0]?.model ?? 'unknown', memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version, platform: `${process.platform} ${process.arch}` };
}

const verdict = (ok: boolean | null): Row['verdict'] => (ok === null ? '—' : ok ? 'meets' : 'misses');

export function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  const add = (figure: string, measure: string, result: string, target = '', ok: boolean | null = null): void => {
    out.push({ figure, measure, result, target: target || '—', verdict: verdict(ok) });
  };

  if (r.latency) {
    const variant = (l: { framesOnly?: boolean }) => (l.framesOnly ? 'frames' : 'same');
    const suffix: Record<string, string> = { frames: ' (call frames only)', same: '' };
    const groups = [...new Set(r.latency.map((l) => `${l.rate}|${variant(l)}`))];
    for (const group of groups) {
      const [rateText, kind = 'same'] = group.split('|');
      const rate = Number(rateText);
      const runs = r.latency.filter((l) => l.rate === rate && variant(l) === kind);
      const p99 = spread(runs.map((l) => l.p99));
      const label = `${rate.toLocaleString('en-US')} events/s${suffix[kind] ?? ''}`;
      add('1 Notice latency', `${label}: p50 ms`, formatSpread(spread(runs.map((l) => l.p50)), 3));
      add('1 Notice latency', `${label}: p99 ms`, formatSpread(p99, 3), rate === 1_000 ? '≤ 1 ms' : '', rate === 1_000 ? p99.median <= 1 : null);
      add('1 Notice latency', `${label}: max ms`, formatSpread(spread(runs.map((l) => l.max)), 3));
      const bad = runs.reduce((n, l) => n + l.withoutRinging + l.extraRinging + l.lost, 0);
      const calls = runs.reduce((n, l) => n + l.calls, 0);
      add('1 Notice latency', `${label}: calls without exactly one ringing / lost notices`, `${bad} of ${calls} calls`, '0', bad === 0);
    }
  }

  if (r.throughput) {
    const t = r.throughput;
    const tp = (measure: string, runs: typeof t.pipeline, target: boolean): void => {
      if (runs.length === 0) return;
      const s = spread(runs.map((x) => x.eventsPerSecond));
      const lag = Math.max(...runs.map((x) => x.lagMaxMs));
      add('2 Throughput', `${measure} events/s (max loop lag ${lag.toFixed(0)} ms)`, formatSpread(s, 0), target ? '≥ 20,000/s, lag ≤ 50 ms' : 'lag ≤ 50 ms', target ? s.median >= 20_000 && lag <= 50 : lag <= 50);
    };
    tp('pipeline (parse + track)', t.pipeline, true);
    tp('pipeline, 10,000 open calls', t.pipelineOpen, true);
    tp('socket (sandbox in the same process)', t.socket, true);
    tp('socket, 10,000 open calls', t.socketOpen, true);
  }

  if (r.recovery) {
    const rc = r.recovery;
    if (rc.drops.length > 0) {
      const live = spread(rc.drops.map((d) => d.liveMs));
      add('3 Recovery', `socket dropped → live, ms (real backoff, ${rc.drops.length} drops)`, formatSpread(live, 0), '≤ 1,000 ms median', live.median <= 1_000);
      add('3 Recovery', 'socket dropped → next call noticed, ms', formatSpread(spread(rc.drops.map((d) => d.noticedMs)), 0));
    }
    if (rc.proxyDrops.length > 0) {
      const live = spread(rc.proxyDrops.map((d) => d.liveMs));
      add('3 Recovery', `proxy cuts every tunnel → live, ms (CONNECT + Basic auth, TLS, real backoff, ${rc.proxyDrops.length} drops)`, formatSpread(live, 0), '≤ 1,000 ms median', live.median <= 1_000);
      add('3 Recovery', 'proxy cuts every tunnel → next call noticed, ms', formatSpread(spread(rc.proxyDrops.map((d) => d.noticedMs)), 0));
    }
    if (rc.halfOpenReal.length > 0) {
      const det = spread(rc.halfOpenReal.map((h) => h.detectedMs / 1000));
      add('3 Recovery', 'half-open → detected, s (REAL 10 s ping + 4 s deadline)', formatSpread(det, 1), '≤ 15 s', det.max <= 15.5);
      add('3 Recovery', 'half-open → live again, s (real timings)', formatSpread(spread(rc.halfOpenReal.map((h) => h.liveAgainMs / 1000)), 1));
    }
    if (rc.halfOpenShort.length > 0) {
      add('3 Recovery', 'half-open → detected, ms (SHORT 300 ms ping + 200 ms deadline)', formatSpread(spread(rc.halfOpenShort.map((h) => h.detectedMs)), 0), '≤ 500 ms at these timings', Math.max(...rc.halfOpenShort.map((h) => h.detectedMs)) <= 600);
    }
    if (rc.toBeClosed.length > 0) {
      add('3 Recovery', 'WEBSOCKET_TO_BE_CLOSED → replacement live, ms', formatSpread(spread(rc.toBeClosed.map((x) => x.replacedMs)), 0));
      const missed = rc.toBeClosed.reduce((n, x) => n + x.missed, 0);
      const dup = rc.toBeClosed.reduce((n, x) => n + x.duplicates, 0);
      const calls = rc.toBeClosed.reduce((n, x) => n + x.calls, 0);
      add('3 Recovery', 'calls missed / rung twice across replacement', `${missed} / ${dup} of ${calls} calls`, '0 missed', missed === 0 && dup === 0);
    }
  }

  if (r.coldStart && r.coldStart.length > 0) {
    const trips = spread(r.coldStart.map((c) => c.roundTrips));
    add('4 Cold start', 'stored refresh token → live, ms', formatSpread(spread(r.coldStart.map((c) => c.toLiveMs)), 1));
    add('4 Cold start', 'sequential round trips', formatSpread(trips, 0), '≤ 4', trips.median <= 4);
    add('4 Cold start', 'chain', r.coldStart[0]?.chain ?? '');
  }

  if (r.memory) {
    const m = r.memory;
    const last = m.samples.at(-1);
    const flat = m.heapGrowthMB <= 2; // shrinking is fine; growing is a leak
    add('5 Memory', `heap after ${(last?.events ?? 0).toLocaleString('en-US')} events, MB${m.gcExposed ? '' : ' (NO --expose-gc: noisy)'}`, (last?.heapMB ?? Number.NaN).toFixed(1));
    add('5 Memory', `RSS after ${(last?.events ?? 0).toLocaleString('en-US')} events, MB`, (last?.rssMB ?? Number.NaN).toFixed(1));
    add('5 Memory', 'heap growth after the history filled, MB', `${m.heapGrowthMB >= 0 ? '+' : ''}${m.heapGrowthMB.toFixed(2)}`, 'flat (≤ +2 MB)', flat);
    add('5 Memory', 'heap per 100k-event sample, MB', m.samples.map((s) => s.heapMB.toFixed(1)).join(' '));
  }
  if (r.idle) {
    add('5 Idle CPU', `CPU per hour, live socket, pings only (fresh process, ${(r.idle.settleMs / 1000).toFixed(0)} s settle, then ${(r.idle.windowMs / 1000).toFixed(0)} s × ${(3_600_000 / r.idle.windowMs).toFixed(0)}, extrapolated), s`, r.idle.cpuSecondsPerHour.toFixed(2), '≤ 1 s/h', r.idle.cpuSecondsPerHour <= 1);
  }

  if (r.ringcentral) {
    const rc = r.ringcentral;
    const lat = [...rc.latency.ms].sort((a, b) => a - b);
    const pct = (q: number) => (lat.length ? (lat[Math.min(lat.length - 1, Math.ceil(q * lat.length) - 1)] ?? Number.NaN) : Number.NaN);
    add('9 RingCentral', `ring → ringing notice, p50 / p99 ms (${lat.length} calls)`, `${pct(0.5).toFixed(2)} / ${pct(0.99).toFixed(2)}`);
    if (rc.drops.length > 0) {
      const liveS = spread(rc.drops.map((d) => d.liveMs));
      add('9 RingCentral', `socket dropped → live (recovered session), ms (${rc.drops.length} drops)`, formatSpread(liveS, 0), '≤ 1,000 ms median', liveS.median <= 1_000);
      add('9 RingCentral', 'socket dropped → next call noticed, ms', formatSpread(spread(rc.drops.map((d) => d.noticedMs)), 0));
    }
    if (rc.halfOpen.length > 0) {
      const h = spread(rc.halfOpen.map((x) => x.liveAgainMs / 1000));
      add('9 RingCentral', 'half-open → live again, s (the product\'s own ping interval + pong deadline)', formatSpread(h, 1), '≤ 15 s + reconnect', h.max <= 16);
    }
    if (rc.halfOpenShort.length > 0) {
      add('9 RingCentral', 'half-open → live again, ms (SHORT 300 ms ping + 200 ms deadline)', formatSpread(spread(rc.halfOpenShort.map((x) => x.liveAgainMs)), 0));
    }
    const silent = [...rc.halfOpen, ...rc.halfOpenShort].filter((x) => !x.callNoticed).length;
    add('9 RingCentral', 'call rung while half-open, not noticed', `${silent} of ${rc.halfOpen.length + rc.halfOpenShort.length}`, '0', silent === 0);
    add('9 RingCentral', `replayed events lost / doubled (${rc.replay.expected} notices, ${rc.replay.replayed} frames replayed)`, `${rc.replay.lost} / ${rc.replay.doubled}`, '0 / 0', rc.replay.lost === 0 && rc.replay.doubled === 0);
    const fr = rc.faultRun;
    add('9 RingCentral', `fault run (${fr.faults.length - 1} faults): calls rung / ringing / terminal notices`, `${fr.rung} / ${fr.ringingNotices} / ${fr.terminalNotices}`, 'equal', fr.rung === fr.ringingNotices && fr.rung === fr.terminalNotices);
  }

  if (r.headless) {
    const h = r.headless;
    if (!h.measured) add('6 Headless process', 'headless --demo', `not measured: ${h.reason ?? ''}`);
    else {
      add('6 Headless process', `peak RSS (VmHWM) over ${((h.windowMs ?? 0) / 1000).toFixed(0)} s, MB`, (h.peakRssMB ?? Number.NaN).toFixed(1));
      add('6 Headless process', 'CPU over the window (utime+stime), s', ((h.cpuMs ?? Number.NaN) / 1000).toFixed(2));
      add('6 Headless process', 'CPU after start-up, s per hour (extrapolated)', (h.steadyCpuSecondsPerHour ?? Number.NaN).toFixed(1));
    }
  }

  if (r.flapping) {
    const { flap, retryAfterMs, halfOpenWorstMs } = r.flapping;
    const live = spread(flap.dropToLiveMs);
    const apart = `${flap.gapMs[0] / 1000}–${flap.gapMs[1] / 1000} s apart`;
    add('7 Flapping network', `drop → live, ms (${flap.dropToLiveMs.length} drops ${apart}, real timings)`, formatSpread(live, 0), '≤ 1,000 ms each (max)', live.max <= 1_000);
    add('7 Flapping network', 'calls rung (one every 300 ms) / ringing notices', `${flap.calls} / ${flap.ringingNotices} (${flap.neverRang} never rang here, ${flap.rangTwice} rang twice)`, '0 rang twice', flap.rangTwice === 0);
    add('7 Flapping network', 'terminal notices right / wrong', `${flap.terminalRight} / ${flap.terminalWrong} of ${flap.calls} (${flap.late} marked late)`, '0 wrong', flap.terminalWrong === 0);
    if (retryAfterMs.length > 0) {
      const ra = spread(retryAfterMs.map((ms) => ms / 1000));
      add('7 Flapping network', 'TO_BE_CLOSED + 3 × 429 (Retry-After 1 s) → new channel live, s', formatSpread(ra, 2), '≤ 4 s (Retry-After × 3 + 1 s)', ra.max <= 4);
    }
    if (halfOpenWorstMs.length > 0) {
      const ho = spread(halfOpenWorstMs.map((ms) => ms / 1000));
      add('7 Flapping network', 'half-open right after a pong (worst case) → live, s', formatSpread(ho, 2), '≤ 15 s', ho.max <= 15);
    }
  }

  if (r.dialpad) {
    const d = r.dialpad;
    const sorted = sortedCopy(d.latencyMs);
    const fig = '8 Dialpad';
    add(fig, `ring → ringing notice, signed events: p50 / p99 ms (${sorted.length} calls)`, `${percentile(sorted, 50).toFixed(2)} / ${percentile(sorted, 99).toFixed(2)}`);
    const rn = d.renewal;
    add(fig, `calls lost / rung twice across ${rn.renewals} URL renewals`, `${rn.withoutTerminal} / ${rn.withoutOneRinging} of ${rn.calls} calls, ${rn.gaps} gaps`, '0 lost, 0 gaps', rn.withoutTerminal === 0 && rn.withoutOneRinging === 0 && rn.gaps === 0);
    const drop = spread(d.dropToLiveMs);
    add(fig, 'socket dropped → live, ms (real backoff)', formatSpread(drop, 0), '≤ 1,000 ms median', drop.median <= 1_000);
    if (d.halfOpenRealToLiveMs.length > 0) {
      const h = spread(d.halfOpenRealToLiveMs.map((ms) => ms / 1000));
      add(fig, "half-open → live again, s (the product's own ping interval + pong deadline)", formatSpread(h, 1), '≤ 15 s + reconnect', h.max <= 16);
    }
    add(fig, 'half-open → live, ms (SHORT 150 ms ping + 150 ms deadline)', formatSpread(spread(d.halfOpenToLiveMs), 0));
    add(fig, 'first start → live (websocket + subscription made), ms', formatSpread(spread(d.coldStartMs), 1));
    add(fig, 'later start → live (ids reused), ms', formatSpread(spread(d.warmStartMs), 1));
  }

  for (const e of r.errors) add(e.figure, 'ERROR', e.message);
  return out;
}

export function table(list: Row[]): string {
  const head: Row = { figure: 'Figure', measure: 'Measure', result: 'Median (min–max, n)', target: 'Target', verdict: '—' };
  const all = [head, ...list];
  const w = (k: keyof Row): number => Math.max(...all.map((r) => String(r[k]).length));
  const cols: (keyof Row)[] = ['figure', 'measure', 'result', 'target', 'verdict'];
  const line = (r: Row): string => cols.map((k) => String(r[k]).padEnd(w(k))).join('  ');
  return [line({ ...head, verdict: 'Verdict' as Row['verdict'] }), cols.map((k) => '-'.repeat(w(k))).join('  '), ...list.map(line)].join('\n');
}

export function markdownTable(list: Row[]): string {
  const esc = (s: string): string => s.replaceAll('|', '\\|');
  return [
    '| Figure | Measure | Median (min–max, n) | Target | Verdict |',
    '|---|---|---|---|---|',
    ...list.map((r) => `| ${esc(r.figure)} | ${esc(r.measure)} | ${esc(r.result)} | ${esc(r.target)} | ${r.verdict} |`),
  ].join('\n');
}
