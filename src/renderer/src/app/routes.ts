/** Hash routes (#/sources/<id>): work from file:// and loupe:// alike, and survive a reload. */
import { useCallback, useEffect, useState } from 'react';

export const SECTIONS = [
  { id: 'sources', label: 'Sources', icon: '▤' },
  { id: 'responses', label: 'Responses', icon: '☰' },
  { id: 'codebook', label: 'Codebook', icon: '◈' },
  { id: 'themes', label: 'Themes', icon: '◎' },
  { id: 'insights', label: 'Insights', icon: '✦' },
  { id: 'charts', label: 'Charts', icon: '▥' },
  { id: 'reports', label: 'Reports', icon: '▦' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

export interface Route {
  section: SectionId;
  /** Second path segment, e.g. a selected source id. */
  param: string | null;
}

function isSection(value: string): value is SectionId {
  return SECTIONS.some((s) => s.id === value);
}

export function parseHash(hash: string): Route {
  const [section = '', param] = hash.replace(/^#\/?/, '').split('/');
  return { section: isSection(section) ? section : 'sources', param: param === undefined || param === '' ? null : decodeURIComponent(param) };
}

export function routeHref(route: Route): string {
  return `#/${route.section}${route.param === null ? '' : `/${encodeURIComponent(route.param)}`}`;
}

export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = routeHref(next);
  }, []);
  return [route, navigate];
}
