/** Hash routes (#/sources/<id>[/<focus>]): work from file:// and loupe:// alike, and survive a reload. */
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
  /** Third path segment: where inside it to look (a source's utterance, see features/insights/navigation.ts). */
  focus?: string | null;
}

function isSection(value: string): value is SectionId {
  return SECTIONS.some((s) => s.id === value);
}

function segment(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : decodeURIComponent(value);
}

export function parseHash(hash: string): Route {
  const [section = '', param, focus] = hash.replace(/^#\/?/, '').split('/');
  const route: Route = { section: isSection(section) ? section : 'sources', param: segment(param) };
  const inside = segment(focus);
  if (route.param !== null && inside !== null) route.focus = inside;
  return route;
}

export function routeHref(route: Route): string {
  if (route.param === null) return `#/${route.section}`;
  const focus = route.focus === undefined || route.focus === null ? '' : `/${encodeURIComponent(route.focus)}`;
  return `#/${route.section}/${encodeURIComponent(route.param)}${focus}`;
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
