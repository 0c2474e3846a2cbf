/**
 * "Is that import still running?" across threads and crashes: an import holds a Web Lock for as long as it
 * runs, and the browser releases it when the worker or the page dies. Where Web Locks do not exist (jsdom
 * tests) an in-process set stands in, which is exact there because the in-process import is the only one.
 */

const heldHere = new Set<string>();

function locksApi(): LockManager | undefined {
  return typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks !== undefined ? navigator.locks : undefined;
}

/** Takes the named lock; resolves with its release function once held. */
export async function holdLock(name: string): Promise<() => void> {
  heldHere.add(name);
  const locks = locksApi();
  if (locks === undefined) return () => heldHere.delete(name);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await new Promise<void>((acquired, failed) => {
    locks.request(name, () => {
      acquired();
      return held;
    }).catch(failed);
  });
  return () => {
    heldHere.delete(name);
    release();
  };
}

/** Is the named lock held by any thread of this app (or, without Web Locks, by this one)? */
export async function isLockHeld(name: string): Promise<boolean> {
  if (heldHere.has(name)) return true;
  const locks = locksApi();
  if (locks === undefined) return false;
  const state = await locks.query();
  return [...(state.held ?? []), ...(state.pending ?? [])].some((l) => l.name === name);
}
