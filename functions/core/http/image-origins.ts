/**
 * Image origins a page may load besides the site's own, for the Content-Security-Policy's img-src
 * (core/http/app.tsx): e.g. a map's configured tile server, on the map pages only. Registered when a
 * capability's app loads; the origins are asked for on each request, so they follow the configuration.
 *
 *   allowImagesFrom(['/community-days', '/staff/community-days/map'], () => (tiles ? [tiles.origin] : []));
 */
const allowances: Array<{ paths: readonly string[]; origins: () => readonly string[] }> = [];

export function allowImagesFrom(paths: readonly string[], origins: () => readonly string[]): void {
  allowances.push({ paths, origins });
}

/** The extra image origins for a request path (a registered path itself or anything under it). */
export function imageOriginsFor(path: string): string[] {
  const origins = allowances.filter((a) => a.paths.some((p) => path === p || path.startsWith(`${p}/`))).flatMap((a) => a.origins());
  return [...new Set(origins)].filter((o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(o));
}
