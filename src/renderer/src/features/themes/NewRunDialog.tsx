/**
 * "Find themes": choose what to cluster (a question's answers, responses filtered by an attribute, a tag's
 * passages, or everything) and how (k automatic within a range or exact, seed, word pairs, extra stop words),
 * then follow the run's progress with a Cancel button. The extra stop words are remembered per workspace.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { ClusterOptions } from '../../../../core/cluster';
import { Dialog } from '../../app/Dialog';
import { getExtraStopWords, parseStopWords, setExtraStopWords, type ClusterScope } from '../../db/clusterings';
import { useCodebook, useQuestions, useRespondentAttributes } from '../../db/hooks';
import type { ClusterRunStage } from '../../workers/cluster-protocol';
import { useClusterRun, type StartRun } from './useClusterRun';

type ScopeKind = 'question' | 'filtered' | 'tag' | 'all';
const ANY_QUESTION = '';

const STAGE_LABELS: Record<ClusterRunStage, string> = {
  reading: 'Reading the texts',
  tokenize: 'Splitting into words',
  tfidf: 'Weighing words',
  svd: 'Finding topics',
  'choose-k': 'Choosing the number of themes',
  kmeans: 'Grouping similar texts',
  label: 'Naming the themes',
};

export function NewRunDialog({ workspaceId, onClose, onDone }: { workspaceId: string; onClose: () => void; onDone: (clusteringId: string) => void }): React.JSX.Element {
  const ids = useId();
  const questions = useQuestions(workspaceId);
  const codebook = useCodebook(workspaceId);
  const attributes = useRespondentAttributes(workspaceId);
  const open = useMemo(() => (questions ?? []).filter((q) => q.type === 'open'), [questions]);
  const run = useClusterRun();

  const [kind, setKind] = useState<ScopeKind>('question');
  const [questionId, setQuestionId] = useState<string | null>(null);
  const [attrKey, setAttrKey] = useState<string | null>(null);
  const [attrValue, setAttrValue] = useState<string | null>(null);
  const [tagId, setTagId] = useState<string | null>(null);
  const [kMode, setKMode] = useState<'auto' | 'exact'>('auto');
  const [kMin, setKMin] = useState(2);
  const [kMax, setKMax] = useState(12);
  const [kExact, setKExact] = useState(6);
  const [seed, setSeed] = useState(1);
  const [bigrams, setBigrams] = useState(true);
  const [stopWords, setStopWords] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    getExtraStopWords(workspaceId).then(
      (words) => live && setStopWords((s) => s ?? words.join(', ')),
      // The saved list is a convenience: when it cannot be read (the workspace closed under us) start empty.
      () => live && setStopWords((s) => s ?? ''),
    );
    return () => {
      live = false;
    };
  }, [workspaceId]);

  const qid = questionId ?? open[0]?.id ?? null;
  const keys = [...(attributes?.keys() ?? [])];
  const key = attrKey ?? keys[0] ?? null;
  const values = key === null ? [] : (attributes?.get(key) ?? []);
  const value = attrValue !== null && values.includes(attrValue) ? attrValue : (values[0] ?? null);
  const tid = tagId ?? codebook?.tags[0]?.id ?? null;
  const running = run.state.status === 'running';

  const plan = ((): { scope: ClusterScope; label: string; params: Record<string, string> } | null => {
    const q = open.find((x) => x.id === (kind === 'filtered' && questionId === ANY_QUESTION ? null : qid));
    if (kind === 'question') return q === undefined ? null : { scope: { kind: 'responses', questionId: q.id, filter: null }, label: q.label, params: { scope: 'question', questionId: q.id, scopeLabel: `${q.label}: ${q.text}` } };
    if (kind === 'filtered') {
      if (key === null || value === null) return null;
      const what = q === undefined ? 'All answers' : q.label;
      return {
        scope: { kind: 'responses', questionId: q?.id ?? null, filter: { key, value } },
        label: `${what}, ${key} = ${value}`,
        params: { scope: 'filtered', questionId: q?.id ?? '', filterKey: key, filterValue: value, scopeLabel: `${q === undefined ? 'All open answers' : `${q.label}: ${q.text}`} where ${key} is ${value}` },
      };
    }
    if (kind === 'tag') {
      const tag = codebook?.tags.find((t) => t.id === tid);
      return tag === undefined ? null : { scope: { kind: 'tag', tagId: tag.id }, label: `Tag ${tag.name}`, params: { scope: 'tag', tagId: tag.id, scopeLabel: `Passages tagged ${tag.name}` } };
    }
    return { scope: { kind: 'all' }, label: 'Everything', params: { scope: 'all', scopeLabel: 'Every response and passage' } };
  })();

  const submit = async (): Promise<void> => {
    if (plan === null || running) return;
    const extra = parseStopWords(stopWords ?? '');
    await setExtraStopWords(workspaceId, extra);
    const options: ClusterOptions = kMode === 'auto' ? { k: 'auto', kRange: [Math.max(2, kMin), Math.max(kMin, kMax, 2)], seed, bigrams, extraStopWords: extra } : { k: Math.max(1, kExact), seed, bigrams, extraStopWords: extra };
    const start: StartRun = { request: { workspaceId, scope: plan.scope, options }, name: `${plan.label} · ${kMode === 'auto' ? `k auto ${options.kRange?.join('–') ?? ''}` : `k ${kExact}`} · seed ${seed}`, scopeParams: plan.params };
    const id = await run.start(start);
    if (id !== null) onDone(id);
  };

  const progress = run.state.status === 'running' ? run.state.progress : null;
  const percent = Math.round((progress?.overall ?? 0) * 100);
  return (
    <Dialog
      title="Find themes"
      wide
      onClose={() => {
        run.cancel();
        onClose();
      }}
      footer={
        running ? (
          <button type="button" className="btn" onClick={run.cancel}>
            Cancel
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
            <button type="button" className="btn btn-primary" disabled={plan === null} onClick={() => void submit()}>
              Find themes
            </button>
          </>
        )
      }
    >
      <form
        className="theme-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset disabled={running}>
          <legend>What to cluster</legend>
          <div className="theme-choices" role="radiogroup" aria-label="What to cluster">
            <Choice name={`${ids}-scope`} checked={kind === 'question'} onChange={() => setKind('question')} label="Answers to a question" />
            <Choice name={`${ids}-scope`} checked={kind === 'filtered'} onChange={() => setKind('filtered')} label="Responses with an attribute" />
            <Choice name={`${ids}-scope`} checked={kind === 'tag'} onChange={() => setKind('tag')} label="Passages of a tag" />
            <Choice name={`${ids}-scope`} checked={kind === 'all'} onChange={() => setKind('all')} label="Everything" />
          </div>
          {kind === 'question' || kind === 'filtered' ? (
            <label className="theme-field">
              <span>Question</span>
              <select className="input" value={kind === 'filtered' && questionId === ANY_QUESTION ? ANY_QUESTION : (qid ?? '')} onChange={(e) => setQuestionId(e.target.value)}>
                {kind === 'filtered' ? <option value={ANY_QUESTION}>Any open question</option> : null}
                {open.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.label}: {q.text}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {kind === 'question' && open.length === 0 ? <p className="muted">This workspace has no open-ended survey questions.</p> : null}
          {kind === 'filtered' ? (
            keys.length === 0 ? (
              <p className="muted">No respondent attributes in this workspace.</p>
            ) : (
              <div className="theme-row">
                <label className="theme-field">
                  <span>Attribute</span>
                  <select className="input" value={key ?? ''} onChange={(e) => setAttrKey(e.target.value)}>
                    {keys.map((k) => (
                      <option key={k}>{k}</option>
                    ))}
                  </select>
                </label>
                <label className="theme-field">
                  <span>Value</span>
                  <select className="input" value={value ?? ''} onChange={(e) => setAttrValue(e.target.value)}>
                    {values.map((v) => (
                      <option key={v}>{v}</option>
                    ))}
                  </select>
                </label>
              </div>
            )
          ) : null}
          {kind === 'tag' ? (
            (codebook?.tags.length ?? 0) === 0 ? (
              <p className="muted">The codebook has no tags yet.</p>
            ) : (
              <label className="theme-field">
                <span>Tag</span>
                <select className="input" value={tid ?? ''} onChange={(e) => setTagId(e.target.value)}>
                  {(codebook?.tags ?? []).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
            )
          ) : null}
        </fieldset>
        <fieldset disabled={running}>
          <legend>How</legend>
          <div className="theme-choices" role="radiogroup" aria-label="Number of themes">
            <Choice name={`${ids}-k`} checked={kMode === 'auto'} onChange={() => setKMode('auto')} label="Choose the number of themes" />
            <Choice name={`${ids}-k`} checked={kMode === 'exact'} onChange={() => setKMode('exact')} label="Exactly" />
          </div>
          <div className="theme-row">
            {kMode === 'auto' ? (
              <>
                <NumberField label="At least" value={kMin} min={2} max={50} onChange={setKMin} />
                <NumberField label="At most" value={kMax} min={2} max={50} onChange={setKMax} />
              </>
            ) : (
              <NumberField label="Themes" value={kExact} min={1} max={100} onChange={setKExact} />
            )}
            <NumberField label="Seed" value={seed} min={0} max={2 ** 31 - 1} onChange={setSeed} />
          </div>
          <label className="theme-check">
            <input type="checkbox" checked={bigrams} onChange={(e) => setBigrams(e.target.checked)} />
            Count word pairs (“credit card”) as well as words
          </label>
          <label className="theme-field">
            <span>Extra words to ignore</span>
            <textarea className="input theme-stopwords" rows={2} value={stopWords ?? ''} placeholder="e.g. the product name, “thanks”" onChange={(e) => setStopWords(e.target.value)} />
            <small className="muted">Separate with commas. Saved for this workspace.</small>
          </label>
        </fieldset>
      </form>
      {running ? (
        <div className="theme-progress">
          <div className="theme-progress-label">
            <span>{progress === null ? 'Starting…' : STAGE_LABELS[progress.stage]}</span>
            <span className="num muted">{progress === null || progress.items === 0 ? '' : `${progress.items.toLocaleString()} texts · `}{percent}%</span>
          </div>
          <div className="theme-progress-track" role="progressbar" aria-label="Clustering progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`${progress === null ? 'Starting' : STAGE_LABELS[progress.stage]}, ${percent}%`}>
            <div className="theme-progress-bar" style={{ width: `${percent}%` }} />
          </div>
        </div>
      ) : null}
      {run.state.status === 'failed' ? (
        <p role="alert" className="theme-error">
          {run.state.message}
        </p>
      ) : null}
    </Dialog>
  );
}

function Choice({ name, checked, onChange, label }: { name: string; checked: boolean; onChange: () => void; label: string }): React.JSX.Element {
  return (
    <label className="theme-check">
      <input type="radio" name={name} checked={checked} onChange={onChange} />
      {label}
    </label>
  );
}

/** A whole number in [min, max]. What is typed stays as typed (an empty field while retyping); the value used is clamped. */
function NumberField({ label, value, min, max, onChange }: { label: string; value: number; min: number; max: number; onChange: (n: number) => void }): React.JSX.Element {
  const [text, setText] = useState(String(value));
  return (
    <label className="theme-field theme-number">
      <span>{label}</span>
      <input
        className="input"
        type="number"
        min={min}
        max={max}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = Math.round(Number(e.target.value));
          if (e.target.value.trim() !== '' && Number.isFinite(n)) onChange(Math.min(max, Math.max(min, n)));
        }}
        onBlur={() => setText(String(value))}
      />
    </label>
  );
}
