// Types for wink-sentiment 5.0.2 (it ships none): the parts src/core/sentiment uses.
declare module 'wink-sentiment' {
  export interface WinkToken {
    value: string;
    tag: string;
    /** The token's AFINN/emoji/emoticon score after negation, when it has one. */
    score?: number;
    negation?: boolean;
    grouped?: number;
  }
  interface WinkSentiment {
    /** Sum of the token scores. */
    score: number;
    /** Mean token score, damped for long texts: −5 … 5. */
    normalizedScore: number;
    /** Absent when the text has no tokens. */
    tokenizedPhrase?: WinkToken[];
  }
  function sentiment(phrase: string): WinkSentiment;
  export default sentiment;
}
