import { useEffect, useState, type ReactNode } from 'react';
import type { Playlist as PlaylistAnswer, PlaylistScreen } from '../../../shared/screens.js';
import { withParams, type UrlOptions } from '../api.js';
import { rooms } from '../../../shared/live.js';
import { usePolled } from '../live/usePolled.js';
import { useRoom } from '../live/useRoom.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { ScreenFrame } from './ScreenFrame.js';

export interface PlaylistProps {
  url: UrlOptions;
  renderScreen: (screen: PlaylistScreen, url: UrlOptions) => ReactNode;
}

/**
 * `/screen/playlist?name=<name>`: rotates the screens of `screens.playlists.<name>` (gateway config) in order, each
 * for its `seconds`. The rotation runs on the page's timers, so a test's fake clock drives it (no waiting).
 * Staff edit playlists in the console: the `screens` room's revision moves and the list is read again at once.
 */
export function Playlist({ url, renderScreen }: PlaylistProps) {
  const setup = useScreenSetup(url);
  const name = url.name ?? 'default';
  const screensRoom = setup.locationId === null ? null : rooms.screens(setup.locationId);
  // 0 = no edit since the gateway started: what the first read already got.
  const revision = useRoom('screens', screensRoom, { token: setup.token }).data?.playlistsRevision || null;
  const polled = usePolled<PlaylistAnswer>(`/api/playlists/${encodeURIComponent(name)}`, 5 * 60_000, revision);
  const items = polled.data?.items ?? null;
  // The list is read again every few minutes; an unchanged list must not restart the current screen's time.
  const signature = items ? JSON.stringify(items) : '';
  const [index, setIndex] = useState(0);
  const count = items?.length ?? 0;
  const current = count > 0 ? index % count : 0;
  const item = items?.[current] ?? null;

  useEffect(() => {
    if (!item) return;
    const timer = setTimeout(() => setIndex((i) => (i % count) + 1), item.seconds * 1000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature stands for the list
  }, [signature, current]);

  if (!item) {
    return (
      <ScreenFrame
        className="playlist-waiting"
        locationName={setup.locationName}
        live={{ connected: polled.connected, lastMessageAt: polled.lastMessageAt, detail: polled.error ?? setup.error }}
      >
        <section className="panel" data-testid="playlist-waiting">
          <h1 className="headline headline--medium">{polled.error ? `Playlist “${name}” unavailable` : 'Waiting for the gateway…'}</h1>
          {polled.error ? <p className="subline">{polled.error}</p> : null}
        </section>
      </ScreenFrame>
    );
  }

  const itemUrl = withParams({ ...url, name: null }, item.params);
  return (
    <div className="playlist" data-testid="playlist" data-playlist-index={current} data-playlist-screen={item.screen} data-playlist-seconds={item.seconds}>
      {/* Theme and orientation per item: the CSS reads them from the nearest element that has them. */}
      <div className="playlist__screen" key={current} data-theme={itemUrl.theme} {...(itemUrl.orientation ? { 'data-orientation': itemUrl.orientation } : {})}>
        {renderScreen(item.screen, itemUrl)}
      </div>
      <ol className="playlist__dots" aria-hidden="true">
        {items!.map((it, i) => (
          <li key={i} className={i === current ? 'is-current' : ''} style={i === current ? { animationDuration: `${it.seconds}s` } : undefined} />
        ))}
      </ol>
    </div>
  );
}
