import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ControlAnswer } from '../src/control';
import type { RunSnapshot } from '../src/run-watcher';
import { describeError, postJson } from './api';
import { bytes, duration, fixed, int } from './format';

interface CardProps {
  label: string;
  id?: string;
  /** Smaller text, for file names. */
  small?: boolean;
  children: ComponentChildren;
}

function Card({ label, id, small = false, children }: CardProps) {
  return (
    <div class="card">
      <div class="label">{label}</div>
      <div class={small ? 'value small' : 'value'} id={id}>
        {children}
      </div>
    </div>
  );
}

function fileName(path: string | null | undefined): string {
  return path ? (path.split(/[\\/]/).pop() ?? path) : '–';
}

/** The run's state in cards: games, rate, ETA, errors, memory, checkpoints. */
export function RunCards({ snapshot }: { snapshot: RunSnapshot }) {
  const s = snapshot.status;
  if (s === null) {
    return <p class="notice">{snapshot.statusProblem ?? 'This run has no status.json yet.'}</p>;
  }
  const left = s.targetGames !== null ? s.targetGames - s.games : null;
  const eta = left !== null && s.gamesPerSecond ? (left / s.gamesPerSecond) * 1000 : null;
  const best = s.strength?.best;
  return (
    <div class="cards">
      <Card label="games" id="games-count">
        {int(s.games)}
        {s.targetGames !== null ? <small> / {int(s.targetGames)}</small> : null}
      </Card>
      <Card label="games/s" id="games-rate">
        {fixed(s.gamesPerSecond, 0)}
      </Card>
      <Card label="ETA">{s.state === 'training' ? duration(eta) : '–'}</Card>
      <Card label="trained for">{duration(s.elapsedSeconds * 1000)}</Card>
      <Card label="errors" id="errors">
        {int(s.errors.count)} <small>({fixed(s.errors.rate * 100, 2)}%)</small>
      </Card>
      <Card label="trainer memory (RSS)">
        {snapshot.memory === null ? (
          '–'
        ) : (
          <>
            {bytes(snapshot.memory.rss)}
            {snapshot.memory.budgetBytes ? (
              <small> of {bytes(snapshot.memory.budgetBytes)}</small>
            ) : null}
          </>
        )}
      </Card>
      <Card label="latest checkpoint" id="latest-checkpoint">
        {s.latestCheckpoint ? (
          <span title={s.latestCheckpoint.path}>
            {int(s.latestCheckpoint.games)} <small>games</small>
          </span>
        ) : (
          '–'
        )}
      </Card>
      <Card label="best (League)" small>
        {best ? `${fileName(best.path)} · ${fixed(best.league.score, 3)}` : '–'}
      </Card>
    </div>
  );
}

type Command = 'pause' | 'resume' | 'stop';

/** Pause, resume and stop through the run's control protocol, with the trainer's answer. */
export function Controls({ snapshot }: { snapshot: RunSnapshot }) {
  const [busy, setBusy] = useState<Command | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const s = snapshot.status;
  const live = s?.live === true;

  async function send(command: Command): Promise<void> {
    setBusy(command);
    setResult(null);
    try {
      const answer = await postJson<ControlAnswer>('/api/control', { command });
      const text = answer.ack
        ? `${command}: ${answer.ack.result}${answer.ack.message ? ` – ${answer.ack.message}` : ''}`
        : `${command}: sent, no answer from the trainer yet`;
      setResult({ ok: true, text });
    } catch (error) {
      setResult({ ok: false, text: describeError(error) });
    } finally {
      setBusy(null);
    }
  }

  const button = (command: Command, enabled: boolean) => (
    <button
      type="button"
      id={command}
      disabled={busy !== null || !enabled}
      onClick={() => void send(command)}
    >
      {busy === command ? `${command}…` : command}
    </button>
  );
  return (
    <div class="controls">
      {button('pause', live && s?.state === 'training')}
      {button('resume', live && s?.state === 'paused')}
      {button('stop', live)}
      {result ? (
        <span id="control-result" class={result.ok ? 'ok' : 'fail'}>
          {result.text}
        </span>
      ) : null}
    </div>
  );
}
