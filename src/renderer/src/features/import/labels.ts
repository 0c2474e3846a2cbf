/** Words the import UI shows for the importer's codes: question types, stages, vendors. */
import type { QuestionType } from '../../../../core/model';
import type { ImportProgress } from '../../workers/import-protocol';

/** In the order the type selector offers them. */
export const QUESTION_TYPES: readonly { id: QuestionType; label: string }[] = [
  { id: 'id', label: 'Respondent id' },
  { id: 'attribute', label: 'Participant attribute' },
  { id: 'date', label: 'Date' },
  { id: 'nps', label: 'NPS (0–10)' },
  { id: 'rating', label: 'Rating scale' },
  { id: 'single', label: 'Single choice' },
  { id: 'multi', label: 'Multi choice' },
  { id: 'open', label: 'Open text' },
  { id: 'ignored', label: 'Ignore' },
];

export function questionTypeLabel(type: QuestionType): string {
  return QUESTION_TYPES.find((t) => t.id === type)?.label ?? type;
}

export const STAGE_LABEL: Record<ImportProgress['stage'], string> = {
  reading: 'Reading the file…',
  parsing: 'Reading rows…',
  writing: 'Saving to the workspace…',
  committing: 'Finishing…',
  done: 'Done',
  cancelled: 'Cancelled',
};

const VENDOR_LABEL: Record<string, string> = {
  qualtrics: 'Qualtrics',
  'qualtrics-legacy': 'Qualtrics (legacy export)',
  surveymonkey: 'SurveyMonkey',
  typeform: 'Typeform',
  googleforms: 'Google Forms',
  generic: 'Spreadsheet',
  vtt: 'WebVTT transcript (Zoom, Teams, Meet)',
  srt: 'SubRip subtitles',
  docx: 'Word document',
  markdown: 'Markdown notes',
  otter: 'Otter.ai transcript',
  plain: 'Plain-text transcript',
  txt: 'Plain-text notes',
};

export function vendorLabel(vendor: string): string {
  return VENDOR_LABEL[vendor] ?? vendor;
}
