/**
 * English stop words for clustering: function words that say nothing about a theme. Based on the
 * scikit-learn / Glasgow list minus its content words (system, bill, call, detail…) that carry meaning in
 * feedback, plus the halves that contraction expansion produces ("do not" → "do", "not").
 * Kept here as data so the tokenizer stays readable.
 */

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above across after afterwards again against all almost alone along already also although always am
among amongst an and another any anyhow anyone anything anyway anywhere are around as at be became
because become becomes becoming been before beforehand behind being below beside besides between beyond both
but by can cannot could de did do does doing done down due during each eg eight
either eleven else elsewhere enough etc even ever every everyone everything everywhere except few fifteen
fifty first five for former formerly forty four from further get gets getting give go
going got had has hasn have having he hence her here hereafter hereby herein hereupon hers herself him himself
his how however hundred i ie if in inc indeed into is it its itself just keep last latter latterly
least less let ltd made many may me meanwhile might mine more moreover most mostly much must my
myself namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere of
off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps
please put rather re same see seem seemed seeming seems several she should since six
sixty so some somehow someone something sometime sometimes somewhere still such take ten than that the
their theirs them themselves then thence there thereafter thereby therefore therein thereupon these they
third this those though three through throughout thru thus to together too toward towards twelve
twenty two un under until up upon us very via was we well were what whatever when whence whenever where
whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom whose
why will with within without would yet you your yours yourself yourselves
ok okay yes yeah hi hello thanks thank really actually want need im ive id ill youre dont doesnt didnt cant
wont isnt arent wasnt werent havent hasnt hadnt couldnt shouldnt wouldnt lets`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
