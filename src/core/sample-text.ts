/**
 * Text banks for the bundled sample workspace (a fictional B2B scheduling tool, "Relay").
 * Kept apart from sample.ts so the builder reads as logic and this file as copy. Every sentence a coder
 * might tag carries the key of its tag in the sample codebook.
 */

export type SampleTagKey =
  | 'setup'
  | 'learning-curve'
  | 'too-expensive'
  | 'good-value'
  | 'calendar'
  | 'chat'
  | 'jira-api'
  | 'performance'
  | 'reporting'
  | 'ease-of-use'
  | 'support';

export type ParentKey = 'onboarding' | 'pricing' | 'integrations' | 'experience';

export interface SampleTagDef {
  key: SampleTagKey | ParentKey;
  name: string;
  parent?: ParentKey;
  color: string;
  description: string;
  whenToUse: string;
  whenNotToUse?: string;
}

export const SAMPLE_CODEBOOK: readonly SampleTagDef[] = [
  { key: 'onboarding', name: 'Onboarding', color: '#4f7cff', description: 'Getting a team from sign-up to everyday use.', whenToUse: 'Umbrella code; prefer a child code when one fits.' },
  { key: 'setup', name: 'Setup friction', parent: 'onboarding', color: '#7b9dff', description: 'Effort to configure Relay, import existing projects or invite people.', whenToUse: 'The person describes steps, imports or configuration that took longer than expected.', whenNotToUse: 'Ongoing confusion after setup is done: use Learning curve.' },
  { key: 'learning-curve', name: 'Learning curve', parent: 'onboarding', color: '#a7bdff', description: 'How hard it is to understand Relay\'s concepts and views.', whenToUse: 'Confusion about how things work, need for training, people not adopting it.' },
  { key: 'pricing', name: 'Pricing & value', color: '#e0a100', description: 'What Relay costs and whether it feels worth it.', whenToUse: 'Umbrella code; prefer a child code when one fits.' },
  { key: 'too-expensive', name: 'Too expensive', parent: 'pricing', color: '#f2c14e', description: 'Price, per-seat cost or plan limits felt as a barrier.', whenToUse: 'Explicit complaints about price, seat costs, or being pushed to a higher plan.' },
  { key: 'good-value', name: 'Good value', parent: 'pricing', color: '#f7d88b', description: 'Relay is worth what it costs.', whenToUse: 'Positive statements about price, ROI or time saved relative to cost.' },
  { key: 'integrations', name: 'Integrations', color: '#1aa37a', description: 'Connections to the tools a team already uses.', whenToUse: 'Umbrella code; prefer a child code when one fits.' },
  { key: 'calendar', name: 'Calendar sync', parent: 'integrations', color: '#4cc39b', description: 'Google Calendar and Outlook sync.', whenToUse: 'Anything about events syncing, duplicates, time zones in calendars.' },
  { key: 'chat', name: 'Slack & Teams', parent: 'integrations', color: '#85dbbd', description: 'Notifications and actions in chat tools.', whenToUse: 'Slack or Microsoft Teams notifications, commands or missing chat integration.' },
  { key: 'jira-api', name: 'Jira & API', parent: 'integrations', color: '#b5ead6', description: 'Developer-tool integrations and the public API.', whenToUse: 'Jira, GitHub, Linear, webhooks or API limits.' },
  { key: 'experience', name: 'Product experience', color: '#c2457a', description: 'Day-to-day use of the product itself.', whenToUse: 'Umbrella code; prefer a child code when one fits.' },
  { key: 'performance', name: 'Speed & reliability', parent: 'experience', color: '#d9739e', description: 'Load times, lag, sync errors, outages.', whenToUse: 'Slowness, freezing, errors or data not showing up.', whenNotToUse: 'Calendar-specific sync problems: use Calendar sync.' },
  { key: 'reporting', name: 'Reporting', parent: 'experience', color: '#e69dbc', description: 'Dashboards, exports and utilisation reports.', whenToUse: 'Reports, dashboards, exporting to spreadsheets, missing metrics.' },
  { key: 'ease-of-use', name: 'Ease of use', parent: 'experience', color: '#f0c3d6', description: 'Relay feels simple and saves time.', whenToUse: 'Praise for simplicity, clarity or time saved in daily use.' },
  { key: 'support', name: 'Support', parent: 'experience', color: '#9e2f5e', description: 'Help from the Relay team: chat, email, docs, success managers.', whenToUse: 'Experiences with support response, quality or documentation.' },
];

export type Topic = 'onboarding' | 'pricing' | 'integrations' | 'performance' | 'reporting' | 'support';

export interface TaggedSentence {
  text: string;
  tag: SampleTagKey;
}

export const INTERVIEW_TOPICS: Record<Topic, { questions: string[]; followUps: string[]; sentences: TaggedSentence[] }> = {
  onboarding: {
    questions: [
      'Can you walk me through how your team got started with Relay?',
      'Think back to the first couple of weeks. What stood out?',
      'How did rolling it out to the rest of the team go?',
    ],
    followUps: ['What would have made that easier?', 'Was there a moment where it clicked?', 'Who did most of the setup work?'],
    sentences: [
      { text: 'Importing our projects from spreadsheets took most of a week because the column mapping kept failing.', tag: 'setup' },
      { text: 'I had to invite everyone one by one, there was no way to pull in our Google Workspace directory.', tag: 'setup' },
      { text: 'Setting up the recurring shifts was fiddly, I rebuilt the template three times.', tag: 'setup' },
      { text: 'The first login experience was actually pretty smooth, I had a project board in maybe ten minutes.', tag: 'ease-of-use' },
      { text: 'The difference between a project and a workspace confused half the team for the first month.', tag: 'learning-curve' },
      { text: 'Some of the older folks on the team just never really adopted it, they still email me their availability.', tag: 'learning-curve' },
      { text: 'We ended up recording our own little video walkthrough because the help articles assumed you already knew the terms.', tag: 'learning-curve' },
      { text: 'Once people understood the timeline view, adoption went a lot faster.', tag: 'learning-curve' },
    ],
  },
  pricing: {
    questions: [
      'How do you feel about what you pay for Relay?',
      'Who decides on the budget for a tool like this?',
      'Did pricing come up when you chose Relay over the alternatives?',
    ],
    followUps: ['How does that compare to what you used before?', 'What would a fair price look like to you?', 'Has that changed as the team grew?'],
    sentences: [
      { text: 'Per seat it adds up fast, we pay for contractors who log in twice a month.', tag: 'too-expensive' },
      { text: 'Our finance lead flagged it at renewal because the Business plan jumped quite a bit.', tag: 'too-expensive' },
      { text: 'The features we actually need are only on the Business tier, so we feel a bit forced to upgrade.', tag: 'too-expensive' },
      { text: 'Honestly for what it saves me every Monday morning, it pays for itself.', tag: 'good-value' },
      { text: 'Compared to the enterprise tools we looked at, it is a fraction of the cost.', tag: 'good-value' },
      { text: 'I would pay more if the reporting was better, the price itself is not the problem.', tag: 'good-value' },
    ],
  },
  integrations: {
    questions: [
      'Which other tools does Relay need to work with for you?',
      'Tell me about how Relay fits into the rest of your stack.',
      'How are you using the calendar and chat integrations?',
    ],
    followUps: ['What happens when that breaks?', 'How do you work around it today?', 'How important is that compared to other things?'],
    sentences: [
      { text: 'The Google Calendar sync sometimes creates duplicate events, and then people do not know which one is real.', tag: 'calendar' },
      { text: 'When someone moves a meeting in Outlook it takes a good while to show up in Relay.', tag: 'calendar' },
      { text: 'Time zones in the calendar sync were wrong for our team in Lisbon for a couple of weeks.', tag: 'calendar' },
      { text: 'The Slack notifications are great, people actually react to them instead of ignoring email.', tag: 'chat' },
      { text: 'We are a Microsoft Teams shop, so the lack of a Teams app is a real gap for us.', tag: 'chat' },
      { text: 'Our engineers live in Jira and there is no two-way sync, so tasks get entered twice.', tag: 'jira-api' },
      { text: 'We tried to build something with the API but the rate limits made the nightly sync fail.', tag: 'jira-api' },
      { text: 'Webhooks would solve most of our problems, polling the API is clunky.', tag: 'jira-api' },
    ],
  },
  performance: {
    questions: [
      'How does Relay perform day to day?',
      'Have you run into any reliability problems?',
      'What is it like using Relay with your larger projects?',
    ],
    followUps: ['How often does that happen?', 'What did you do when that happened?', 'Does that affect how much people trust it?'],
    sentences: [
      { text: 'The timeline view gets really sluggish once you have more than forty or fifty people on it.', tag: 'performance' },
      { text: 'Monday mornings it is slow for everyone, I assume that is when all your customers log in.', tag: 'performance' },
      { text: 'A couple of times changes did not save and we only noticed when someone missed a shift.', tag: 'performance' },
      { text: 'The mobile app takes ages to load the schedule, so people just screenshot it.', tag: 'performance' },
      { text: 'To be fair it has been stable lately, the outage in January was the only big one.', tag: 'performance' },
      { text: 'Day to day it is quick and I rarely think about it, which is what you want.', tag: 'ease-of-use' },
    ],
  },
  reporting: {
    questions: [
      'How do you use the reports and dashboards?',
      'What do you need to report upward, and can Relay do it?',
      'Tell me about the last time you built a report.',
    ],
    followUps: ['Where does that data end up?', 'What is missing from the dashboard for you?', 'How long does that take you each week?'],
    sentences: [
      { text: 'I export everything to Excel every Friday because the utilisation report cannot be filtered by client.', tag: 'reporting' },
      { text: 'Leadership wants billable versus non-billable hours and I have to calculate that by hand.', tag: 'reporting' },
      { text: 'The weekly summary email is genuinely useful, my director reads it.', tag: 'reporting' },
      { text: 'Custom fields do not show up in reports, which defeats the point of adding them.', tag: 'reporting' },
      { text: 'The dashboard looks nice but I cannot share it with people who do not have a seat.', tag: 'reporting' },
    ],
  },
  support: {
    questions: [
      'Have you had to contact Relay support?',
      'How was the help you got when something went wrong?',
      'Where do you go when you are stuck?',
    ],
    followUps: ['How quickly was it resolved?', 'What did you expect to happen?', 'Would you contact them again?'],
    sentences: [
      { text: 'The chat support answered within a few minutes and actually fixed the permissions issue.', tag: 'support' },
      { text: 'I waited four days for a reply to an email ticket about billing.', tag: 'support' },
      { text: 'Our customer success manager changed three times in a year, we had to explain our setup every time.', tag: 'support' },
      { text: 'The help centre is fine for basics but nothing covers the API in any depth.', tag: 'support' },
      { text: 'Honestly the support team is one of the reasons we stayed.', tag: 'support' },
    ],
  },
};

/** Untagged glue so answers do not read like a list of findings. */
export const ANSWER_OPENERS = [
  'Yeah, so.',
  'Good question.',
  'Hmm, let me think.',
  'Honestly?',
  'So, um.',
  'Right.',
  'It is a mixed picture.',
  'Okay, so.',
];

export const ANSWER_CLOSERS = [
  'That is probably the main thing.',
  'So yeah, that is where we are.',
  'I do not know if that helps.',
  'It is not a deal breaker, but it is annoying.',
  'That was a bit of a turning point for us.',
  'Anyway, we made it work.',
];

export interface InterviewPersona {
  name: string;
  company: string;
  jobTitle: string;
  segment: 'SMB' | 'Mid-market' | 'Enterprise';
  plan: 'Free' | 'Team' | 'Business';
  country: string;
  vendor: 'vtt' | 'srt' | 'txt' | 'docx';
  interviewer: 0 | 1;
  date: string;
}

export const INTERVIEW_PERSONAS: readonly InterviewPersona[] = [
  { name: 'Priya Raman', company: 'Northwind Clinics', jobTitle: 'Operations manager', segment: 'Mid-market', plan: 'Business', country: 'United Kingdom', vendor: 'vtt', interviewer: 0, date: '2026-02-03' },
  { name: 'Tomás Herrera', company: 'Brightline Studio', jobTitle: 'Founder', segment: 'SMB', plan: 'Team', country: 'Spain', vendor: 'vtt', interviewer: 0, date: '2026-02-05' },
  { name: 'Grace Liu', company: 'Halvorsen Logistics', jobTitle: 'Head of planning', segment: 'Enterprise', plan: 'Business', country: 'United States', vendor: 'srt', interviewer: 1, date: '2026-02-09' },
  { name: 'Jonas Weber', company: 'Kettle & Co', jobTitle: 'Project lead', segment: 'SMB', plan: 'Free', country: 'Germany', vendor: 'txt', interviewer: 1, date: '2026-02-11' },
  { name: 'Amara Okafor', company: 'Fieldwise', jobTitle: 'Engineering manager', segment: 'Mid-market', plan: 'Team', country: 'Canada', vendor: 'docx', interviewer: 0, date: '2026-02-12' },
  { name: 'Sofia Lindqvist', company: 'Arkiv Architects', jobTitle: 'Studio coordinator', segment: 'SMB', plan: 'Team', country: 'Sweden', vendor: 'txt', interviewer: 1, date: '2026-02-17' },
];

export const INTERVIEWERS = ['Maya Chen', 'Daniel Brooks'] as const;

export const INTRO_QUESTIONS = [
  'Thanks for making the time. Could you start by telling me a bit about your role and your team?',
  'Before we dive in, how long have you been using Relay, roughly?',
];

export const INTRO_ANSWERS = [
  'I look after scheduling and resourcing for a team of about {size} people.',
  'We have been on Relay for a little over {months} months now.',
  'Before Relay it was a shared spreadsheet and a lot of messages asking who is free on Thursday.',
];

export const WRAP_QUESTIONS = [
  'If you could change one thing about Relay tomorrow, what would it be?',
  'Is there anything I did not ask that you think we should know?',
];

export const WRAP_ANSWERS = [
  'If I could only pick one, make the reports something I do not have to export.',
  'Fix the sync so people trust it. Everything else is a nice to have.',
  'Probably pricing for the occasional users. They do not need a full seat.',
  'A proper Jira integration, that would make the engineers stop complaining.',
  'Honestly, just keep it simple. Please do not turn it into another bloated enterprise tool.',
];

export const INTERVIEWER_ACKS = ['That makes sense.', 'Got it, thank you.', 'Interesting.', 'Okay.', 'Thanks, that is helpful.'];

/** Survey answer parts. `reason` answers explain the NPS score; `improve` answers name one improvement. */
export interface SurveyPhrase {
  text: string;
  tag?: SampleTagKey;
}

export const REASON_PROMOTER: readonly SurveyPhrase[] = [
  { text: 'It is really easy to get the whole team on the same page.', tag: 'ease-of-use' },
  { text: 'Scheduling used to take me hours every week, now it takes minutes.', tag: 'ease-of-use' },
  { text: 'Clean, simple, does what it says.', tag: 'ease-of-use' },
  { text: 'Great value for what we pay.', tag: 'good-value' },
  { text: 'Cheaper than anything comparable and it does more.', tag: 'good-value' },
  { text: 'The Google Calendar sync just works.', tag: 'calendar' },
  { text: 'Slack notifications keep everyone in the loop without extra meetings.', tag: 'chat' },
  { text: 'The weekly summary report saves me a lot of time.', tag: 'reporting' },
  { text: 'Support has been quick and friendly every time I reached out.', tag: 'support' },
  { text: 'Easy to use', tag: 'ease-of-use' },
  { text: 'love it', tag: 'ease-of-use' },
];

export const REASON_PASSIVE: readonly SurveyPhrase[] = [
  { text: 'Does the job, but the timeline gets slow with bigger projects.', tag: 'performance' },
  { text: 'Good tool overall, reporting is too basic though.', tag: 'reporting' },
  { text: 'Works fine, a bit pricey for a small team.', tag: 'too-expensive' },
  { text: 'Solid, but it took my team a while to get used to it.', tag: 'learning-curve' },
  { text: 'Mostly good. Calendar sync is unreliable sometimes.', tag: 'calendar' },
  { text: 'Would be a 10 with a Jira integration.', tag: 'jira-api' },
  { text: 'It is fine. Nothing special.' },
  { text: 'ok but we miss a Teams integration', tag: 'chat' },
  { text: 'Good product, support could be faster.', tag: 'support' },
];

export const REASON_DETRACTOR: readonly SurveyPhrase[] = [
  { text: 'Too expensive for a team our size.', tag: 'too-expensive' },
  { text: 'We pay for seats that people barely use.', tag: 'too-expensive' },
  { text: 'The app is slow, especially the timeline view with more than a few projects.', tag: 'performance' },
  { text: 'Changes did not save twice and someone missed a shift because of it.', tag: 'performance' },
  { text: 'Calendar sync keeps creating duplicate events.', tag: 'calendar' },
  { text: 'No proper Jira integration, so we end up entering everything twice.', tag: 'jira-api' },
  { text: 'Reports are too basic, I still export everything to Excel.', tag: 'reporting' },
  { text: 'Took four days to get an answer from support.', tag: 'support' },
  { text: 'Setup was painful, importing our existing projects took forever.', tag: 'setup' },
  { text: 'My team found it confusing and half of them never adopted it.', tag: 'learning-curve' },
  { text: 'price', tag: 'too-expensive' },
  { text: 'too slow!!', tag: 'performance' },
];

export const REASON_LEADS: Record<'promoter' | 'passive' | 'detractor', readonly string[]> = {
  promoter: ['Overall very happy.', 'We rely on it every day.', 'Switched from spreadsheets and never looked back.'],
  passive: ['Mixed feelings.', 'It is okay.', 'Some good, some bad.'],
  detractor: ['Frustrated lately.', 'Not great, to be honest.', 'We are evaluating alternatives.'],
};

export const REASON_TAILS: Record<'promoter' | 'passive' | 'detractor', readonly string[]> = {
  promoter: ['Would recommend to other agencies.', 'Keep it up!', 'Already recommended it to two friends.'],
  passive: ['Fix that and I would recommend it.', 'We will see how it develops.'],
  detractor: ['Might switch at renewal if this does not improve.', 'Disappointed after such a good start.'],
};

export const IMPROVE: readonly SurveyPhrase[] = [
  { text: 'Faster loading on the timeline view.', tag: 'performance' },
  { text: 'Make it faster on mobile, the schedule takes forever to load.', tag: 'performance' },
  { text: 'A real two-way Jira integration.', tag: 'jira-api' },
  { text: 'Webhooks, please.', tag: 'jira-api' },
  { text: 'A cheaper plan or light seats for occasional users.', tag: 'too-expensive' },
  { text: 'Let us filter the utilisation report by client and export it as PDF.', tag: 'reporting' },
  { text: 'Custom fields in reports.', tag: 'reporting' },
  { text: 'Better onboarding for new team members, maybe a guided tour.', tag: 'learning-curve' },
  { text: 'Bulk import from CSV that actually maps the columns correctly.', tag: 'setup' },
  { text: 'Fix the duplicate calendar events.', tag: 'calendar' },
  { text: 'Outlook sync that updates in real time.', tag: 'calendar' },
  { text: 'Microsoft Teams integration.', tag: 'chat' },
  { text: 'Faster replies from support.', tag: 'support' },
  { text: 'Nothing really, keep doing what you are doing.' },
  { text: 'Dark mode' },
  { text: 'n/a' },
];

/** A few answers in respondents' own languages: real surveys have them, and they exercise non-ASCII text. */
export const LOCAL_ANSWERS: Record<string, readonly SurveyPhrase[]> = {
  Germany: [
    { text: 'Zu teuer für kleine Teams.', tag: 'too-expensive' },
    { text: 'Die Kalendersynchronisierung erzeugt doppelte Termine.', tag: 'calendar' },
    { text: 'Einfach zu bedienen, spart uns viel Zeit. 👍', tag: 'ease-of-use' },
  ],
  France: [
    { text: 'Trop cher pour une petite équipe.', tag: 'too-expensive' },
    { text: 'Très simple à prendre en main.', tag: 'ease-of-use' },
  ],
  Brazil: [{ text: 'Relatórios muito básicos, exporto tudo para o Excel.', tag: 'reporting' }],
};

export const COUNTRIES = ['United States', 'United Kingdom', 'Germany', 'Canada', 'Australia', 'Netherlands', 'France', 'Sweden', 'Brazil', 'India'] as const;
export const COUNTRY_WEIGHTS = [34, 16, 11, 9, 7, 5, 6, 4, 4, 4] as const;
export const ROLES = ['Project manager', 'Team lead', 'Operations', 'Founder / CEO', 'Engineer', 'Designer', 'Account manager', 'Other'] as const;
