/**
 * What the staff console's route files share (staff.tsx and staff-<area>.tsx): finding the consultation
 * a path names, its paths, the banner a change redirects to, and the overview shown again with what
 * stopped a change.
 */
import type { Context } from 'hono';
import { actionsFrom } from '../../core/actions/store.js';
import { looksLikeId } from '../../core/ui/forms.js';
import { answersKept, getConsultation } from '../consultations.js';
import { CAPABILITY, type Consultation } from '../model.js';
import { OverviewPage } from './overview.js';

export { base, STAFF } from './paths.js';

/** The banner after a change (`?done=`), in the words of what was done. */
const DONE: Record<string, string> = {
  created: 'Consultation created',
  updated: 'Consultation updated',
  published: 'Consultation published',
  closed: 'Consultation closed: it no longer accepts responses',
  copied: 'Copy made: this is the new draft',
  'page-added': 'Page added',
  'page-changed': 'Page changed',
  'page-removed': 'Page removed',
  'question-added': 'Question added',
  'question-changed': 'Question saved',
  'question-removed': 'Question removed',
  moved: 'Order changed',
  'response-saved': 'Response saved',
  'decision-saved': 'Decision saved',
  'results-published': 'The results page is public',
  'results-withdrawn': 'The results page has been taken down',
  'action-raised': 'Action raised: it is on the action log',
  tagged: 'Themes saved',
  'tag-added': 'Tag added',
};

export const bannerOf = (c: Context): string | undefined => DONE[c.req.query('done') ?? ''];

/** The consultation the path names (drafts too), read consistently: staff act on what they just changed. */
export async function findConsultation(c: Context): Promise<Consultation | undefined> {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getConsultation(id, { consistent: true }) : undefined;
}

/** The overview of the consultation, with a banner or with what stopped a change above it. */
export async function overview(consultation: Consultation, shown: { banner?: string; problem?: string } = {}) {
  const [keeping, actions] = await Promise.all([answersKept(consultation), actionsFrom(CAPABILITY, consultation.id)]);
  return <OverviewPage consultation={consultation} keeping={keeping} actions={actions} now={new Date()} {...shown} />;
}
