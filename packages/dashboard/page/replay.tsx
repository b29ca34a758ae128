import { useEffect, useState } from 'preact/hooks';
import type { CheckpointEntry } from '../src/checkpoints';
import type { GameReplay, StoredGameSummary } from '../src/games';
import { describeError, getJson } from './api';
import { Board } from './board';
import { Chart } from './chart';
import { CheckpointSelect } from './checkpoint-select';
import { int, signed } from './format';

interface GameList {
  total: number;
  games: StoredGameSummary[];
}

/** The run's stored games, and one of them move by move with the model's evaluation. */
export function Replay({
  checkpoints,
  gamesSeen,
}: {
  checkpoints: CheckpointEntry[];
  gamesSeen: number;
}) {
  const [list, setList] = useState<GameList | null>(null);
  const [checkpoint, setCheckpoint] = useState('latest');
  const [selected, setSelected] = useState<number | null>(null);
  const [replay, setReplay] = useState<GameReplay | null>(null);
  const [ply, setPly] = useState(0);
  const [message, setMessage] = useState<string | null>(null);

  // The list follows the run: reloaded when the games counter moves on by a few thousand.
  const bucket = Math.floor(gamesSeen / 2000);
  useEffect(() => {
    getJson<GameList>('/api/games').then(setList, (e) => setMessage(describeError(e)));
  }, [bucket]);

  useEffect(() => {
    if (selected === null) return;
    setMessage(null);
    getJson<GameReplay>(`/api/games/${selected}?checkpoint=${encodeURIComponent(checkpoint)}`).then(
      (r) => {
        setReplay(r);
        setPly(0);
      },
      (e) => {
        setReplay(null);
        setMessage(describeError(e));
      },
    );
  }, [selected, checkpoint]);

  const plies = replay?.plies ?? [];
  const atEnd = replay !== null && ply >= plies.length;
  const shown = replay === null ? null : atEnd ? replay.final : plies[ply]!;
  const evals = {
    x: plies.map((p) => p.ply),
    mean: plies.map((p) => p.eval),
    min: [],
    max: [],
    points: plies.length,
  };
  return (
    <div class="replay">
      <aside class="game-list">
        <h3>
          Stored games <small>({list ? int(list.total) : '…'})</small>
        </h3>
        {list?.games.length === 0 ? (
          <p class="empty">none yet: the run keeps every N-th game (train --store-games-every)</p>
        ) : null}
        <ul>
          {list?.games.map((g) => (
            <li key={g.game}>
              <button
                type="button"
                class={g.game === selected ? 'game-item selected' : 'game-item'}
                data-game={g.game}
                onClick={() => setSelected(g.game)}
              >
                game {int(g.game)} <small>{signed(g.score, 0)}</small>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div class="replay-main">
        <div class="toolbar">
          <CheckpointSelect
            id="replay-checkpoint"
            checkpoints={checkpoints}
            value={checkpoint}
            onChange={setCheckpoint}
          />
          {message ? <span class="fail">{message}</span> : null}
        </div>
        {replay === null || shown === null ? (
          <p class="empty">Pick a game on the left.</p>
        ) : (
          <>
            <div class="replay-board">
              <Board
                id="replay-board"
                board={shown.board}
                next={atEnd ? null : plies[ply]!.move}
                last={ply > 0 ? plies[ply - 1]!.move : null}
              />
              <div class="replay-info">
                <h3>
                  game {int(replay.game)} · final {signed(replay.score, 0)}
                </h3>
                <p id="replay-ply">
                  {atEnd
                    ? `final position: ${shown.black}–${shown.white}`
                    : `move ${ply + 1} of ${plies.length}: ${plies[ply]!.toMove === 1 ? 'black' : 'white'} plays ${plies[ply]!.moveName}`}
                </p>
                <p id="replay-eval">
                  {atEnd
                    ? `score ${signed(replay.final.score, 0)}`
                    : `model (${replay.checkpoint.name}) evaluates ${signed(plies[ply]!.eval)} discs for black`}
                </p>
                <div class="stepper">
                  <button type="button" id="replay-start" onClick={() => setPly(0)}>
                    «
                  </button>
                  <button
                    type="button"
                    id="replay-prev"
                    onClick={() => setPly(Math.max(0, ply - 1))}
                  >
                    ◀
                  </button>
                  <button
                    type="button"
                    id="replay-next"
                    onClick={() => setPly(Math.min(plies.length, ply + 1))}
                  >
                    ▶
                  </button>
                  <button type="button" id="replay-end" onClick={() => setPly(plies.length)}>
                    »
                  </button>
                </div>
                <input
                  type="range"
                  min={0}
                  max={plies.length}
                  value={ply}
                  onInput={(e) => setPly(Number((e.target as HTMLInputElement).value))}
                />
              </div>
            </div>
            <Chart
              title="The model's evaluation at each move (black's view)"
              empty="no moves"
              xLabel="move"
              marker={atEnd ? null : ply + 1}
              lines={[{ label: 'eval', color: '#2b6cb0', data: evals }]}
            />
          </>
        )}
      </div>
    </div>
  );
}
