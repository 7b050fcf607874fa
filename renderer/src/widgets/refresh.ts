/** A widget on a public site must not turn into a poller: `?refresh=` below this is raised to it. */
export const MIN_WIDGET_REFRESH_S = 10;

/** Milliseconds between a widget's refreshes: `?refresh=` (at least 10 s) or the widget's own rate. */
export function widgetRefreshMs(requestedS: number | null, fallbackS: number): number {
  const seconds = requestedS !== null && Number.isFinite(requestedS) ? requestedS : fallbackS;
  return Math.max(MIN_WIDGET_REFRESH_S, seconds) * 1000;
}
