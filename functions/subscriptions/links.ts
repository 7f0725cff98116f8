/** What the links in subscriptions' emails let their holder do (core/manage-links.ts purposes). */
export const CONFIRM_PURPOSE = 'confirm';
export const UNSUBSCRIBE_PURPOSE = 'unsubscribe';
