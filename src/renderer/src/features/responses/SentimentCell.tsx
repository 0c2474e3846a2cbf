/** An answer's sentiment as the grid shows it: the label (negative / neutral / positive) and the score. */
import { sentimentLabel } from '../../../../core/sentiment';

/** "−0.42", "+0.18", "0.00": a signed score with a real minus sign. */
export function formatSentiment(score: number): string {
  const s = Math.abs(score).toFixed(2);
  return score > 0 ? `+${s}` : score < 0 && s !== '0.00' ? `−${s}` : s;
}

export function SentimentCell({ score }: { score: number }): React.JSX.Element {
  const label = sentimentLabel(score);
  return (
    <span className={`sentiment sentiment-${label}`} title={`Sentiment ${formatSentiment(score)} (−1 negative … +1 positive; lexicon-based, a sorting aid)`}>
      <span className="sentiment-label">{label}</span> <span className="num sentiment-score">{formatSentiment(score)}</span>
    </span>
  );
}
