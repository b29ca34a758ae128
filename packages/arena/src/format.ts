import type { GauntletResult } from './gauntlet';
import type { Interval } from './stats';

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function elo(x: number): string {
  if (x === Number.POSITIVE_INFINITY) return '+inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  return `${x >= 0 ? '+' : ''}${Math.round(x)}`;
}

function range(i: Interval, f: (x: number) => string): string {
  return `[${f(i.low)}, ${f(i.high)}]`;
}

/** A plain-text table of a gauntlet for terminals and logs (one line per opponent). */
export function formatGauntlet(result: GauntletResult): string {
  const lines = [
    `gauntlet: ${result.player}, depth ${result.depth}, ${result.openings} openings, seed ${result.seed}`,
  ];
  for (const m of result.matches) {
    const gate =
      m.threshold === undefined ? '' : ` ${m.passed ? 'PASS' : 'FAIL'} (needs ${pct(m.threshold)})`;
    lines.push(
      `  vs ${m.opponent}: ${m.games} games, +${m.wins} =${m.draws} -${m.losses}, ` +
        `score ${pct(m.score)} ${range(m.scoreInterval, pct)}, ` +
        `Elo ${elo(m.elo)} ${range(m.eloInterval, elo)}, ` +
        `discs ${m.meanDiscDiff >= 0 ? '+' : ''}${m.meanDiscDiff.toFixed(1)}${gate}`,
    );
  }
  lines.push(result.promoted ? 'promoted' : `not promoted (missed: ${result.failed.join(', ')})`);
  return lines.join('\n');
}
