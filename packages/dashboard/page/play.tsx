import { useState } from 'preact/hooks';
import type { CheckpointEntry } from '../src/checkpoints';
import type { PlayAnswer } from '../src/play';
import { describeError, postJson } from './api';
import { Board } from './board';
import { CheckpointSelect } from './checkpoint-select';
import { signed } from './format';

const START = `${'.'.repeat(27)}OX${'.'.repeat(6)}XO${'.'.repeat(27)}`;

/** A game against a checkpoint: the server checks every move and answers with the model's. */
export function Play({ checkpoints }: { checkpoints: CheckpointEntry[] }) {
  const [checkpoint, setCheckpoint] = useState('latest');
  const [human, setHuman] = useState<'black' | 'white'>('black');
  const [depth, setDepth] = useState(3);
  const [game, setGame] = useState<PlayAnswer | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function turn(move: number | null, moves: number[]): Promise<void> {
    setBusy(true);
    try {
      const answer = await postJson<PlayAnswer>('/api/play', {
        checkpoint,
        human,
        depth,
        moves,
        move,
      });
      setGame(answer);
      const replies = answer.modelMoves.map((m) => `${m.moveName} (${signed(m.eval)})`).join(', ');
      setMessage({
        ok: true,
        text: answer.gameOver
          ? `game over: ${answer.black}–${answer.white}`
          : replies
            ? `model played ${replies}`
            : 'your move',
      });
    } catch (error) {
      setMessage({ ok: false, text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  const yourTurn = game !== null && !game.gameOver && game.toMove === (human === 'black' ? 1 : 2);
  const last = game?.moves.length ? game.moves[game.moves.length - 1]! : null;
  return (
    <div class="play">
      <div class="toolbar">
        <CheckpointSelect
          id="play-checkpoint"
          checkpoints={checkpoints}
          value={checkpoint}
          onChange={setCheckpoint}
        />
        <label>
          you play{' '}
          <select
            id="play-colour"
            value={human}
            onChange={(e) => setHuman((e.target as HTMLSelectElement).value as 'black' | 'white')}
          >
            <option value="black">black (first)</option>
            <option value="white">white</option>
          </select>
        </label>
        <label>
          depth{' '}
          <select
            id="play-depth"
            value={depth}
            onChange={(e) => setDepth(Number((e.target as HTMLSelectElement).value))}
          >
            {[1, 2, 3, 4, 5, 6].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button type="button" id="play-new" disabled={busy} onClick={() => void turn(null, [])}>
          new game
        </button>
      </div>
      <div class="play-main">
        <Board
          id="play-board"
          board={game?.board ?? START}
          legal={yourTurn ? game.legal : []}
          last={last}
          onPlay={game === null || busy ? undefined : (square) => void turn(square, game.moves)}
        />
        <div class="play-info">
          <p id="play-status" data-moves={game?.moves.length ?? 0}>
            {game === null
              ? 'Press "new game".'
              : `${game.black}–${game.white} · ${game.moves.length} moves · model ${game.checkpoint.name} (${game.checkpoint.games} games)`}
          </p>
          <p id="play-eval">
            {game ? `the model evaluates ${signed(game.eval)} discs for black` : null}
          </p>
          {message ? (
            <p id="play-message" class={message.ok ? 'ok' : 'fail'}>
              {message.text}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
