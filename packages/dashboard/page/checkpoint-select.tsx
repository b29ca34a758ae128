import type { CheckpointEntry } from '../src/checkpoints';

/** "latest" or one of the run's checkpoint files. */
export function CheckpointSelect({
  id,
  checkpoints,
  value,
  onChange,
}: {
  id: string;
  checkpoints: CheckpointEntry[];
  value: string;
  onChange: (name: string) => void;
}) {
  return (
    <label>
      model{' '}
      <select
        id={id}
        value={value}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
      >
        <option value="latest">latest</option>
        {checkpoints.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
