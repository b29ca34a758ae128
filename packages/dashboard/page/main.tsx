import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RunSnapshot } from '../src/run-watcher';
import { apiUrl } from './api';
import { type AllSeries, Charts } from './charts';
import { Controls, RunCards } from './live';
import { Play } from './play';
import { Replay } from './replay';
import './app.css';

type Tab = 'run' | 'games' | 'play';

/** The run's snapshot and series, pushed by the server (server-sent events). */
function useRunEvents(): {
  snapshot: RunSnapshot | null;
  series: AllSeries | null;
  connected: boolean;
} {
  const [snapshot, setSnapshot] = useState<RunSnapshot | null>(null);
  const [series, setSeries] = useState<AllSeries | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource(apiUrl('/api/events'));
    source.addEventListener('state', (e) => setSnapshot(JSON.parse((e as MessageEvent).data)));
    source.addEventListener('series', (e) => setSeries(JSON.parse((e as MessageEvent).data)));
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, []);
  return { snapshot, series, connected };
}

function App() {
  const { snapshot, series, connected } = useRunEvents();
  const [tab, setTab] = useState<Tab>('run');
  if (snapshot === null) return <p class="notice">connecting…</p>;
  const status = snapshot.status;
  const state =
    status === null
      ? 'unknown'
      : status.live || !['training', 'paused'].includes(status.state)
        ? status.state
        : `${status.state} (not running)`;
  const tabButton = (id: Tab, label: string) => (
    <button
      type="button"
      id={`tab-${id}`}
      class={tab === id ? 'tab active' : 'tab'}
      onClick={() => setTab(id)}
    >
      {label}
    </button>
  );
  return (
    <>
      <header>
        <h1>
          Prismind <small>{snapshot.runId}</small>
        </h1>
        <span id="run-state" class={`state ${status?.state ?? 'unknown'}`}>
          {state}
        </span>
        <span class={connected ? 'link up' : 'link down'}>
          {connected ? 'live' : 'reconnecting'}
        </span>
        <nav>
          {tabButton('run', 'Run')}
          {tabButton('games', 'Games')}
          {tabButton('play', 'Play')}
        </nav>
      </header>
      <main>
        {tab === 'run' ? (
          <>
            <Controls snapshot={snapshot} />
            <RunCards snapshot={snapshot} />
            {series ? <Charts series={series} /> : null}
          </>
        ) : null}
        {tab === 'games' ? (
          <Replay checkpoints={snapshot.checkpoints} gamesSeen={status?.games ?? 0} />
        ) : null}
        {tab === 'play' ? <Play checkpoints={snapshot.checkpoints} /> : null}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
