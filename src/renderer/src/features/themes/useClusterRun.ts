/**
 * One clustering run from the UI's side: start it on the cluster service, follow its progress, cancel it,
 * and store the result as a Clustering record when (and only when) it finishes uncancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { newId } from '../../../../core/ids';
import { userMessage } from '../../app/errors';
import { saveClusterRun } from '../../db/clusterings';
import type { ClusterRequest, ClusterRunProgress } from '../../workers/cluster-protocol';
import { useClusterService } from './ClusterService';

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; progress: ClusterRunProgress | null }
  | { status: 'failed'; message: string };

export interface StartRun {
  request: ClusterRequest;
  name: string;
  scopeParams: Record<string, string | number | boolean>;
}

export interface ClusterRun {
  state: RunState;
  /** Resolves with the stored run's id, or null when cancelled or nothing could be clustered. */
  start(run: StartRun): Promise<string | null>;
  cancel(): void;
}

export function useClusterRun(): ClusterRun {
  const service = useClusterService();
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const job = useRef<{ id: string; cancelled: boolean } | null>(null);

  // Leaving the section cancels a run in flight: nobody would see its result.
  useEffect(
    () => () => {
      const current = job.current;
      if (current !== null) {
        current.cancelled = true;
        void service.cancel(current.id);
      }
    },
    [service],
  );

  const start = useCallback(
    async ({ request, name, scopeParams }: StartRun): Promise<string | null> => {
      const current = { id: newId(), cancelled: false };
      job.current = current;
      setState({ status: 'running', progress: null });
      try {
        const outcome = await service.run(current.id, request, (progress) => {
          if (!current.cancelled) setState({ status: 'running', progress });
        });
        if (current.cancelled || outcome.status === 'cancelled') {
          setState({ status: 'idle' });
          return null;
        }
        if (outcome.status === 'too-few') {
          setState({ status: 'failed', message: outcome.message });
          return null;
        }
        const saved = await saveClusterRun(request.workspaceId, { name, result: outcome.result, scopeParams: { ...scopeParams, items: outcome.items } });
        setState({ status: 'idle' });
        return saved.id;
      } catch (e) {
        setState({ status: 'failed', message: `Clustering failed. ${userMessage(e)}` });
        return null;
      } finally {
        if (job.current === current) job.current = null;
      }
    },
    [service],
  );

  const cancel = useCallback(() => {
    const current = job.current;
    if (current === null) return;
    current.cancelled = true;
    setState({ status: 'idle' });
    void service.cancel(current.id);
  }, [service]);

  return { state, start, cancel };
}
