/** Links in the service navigation. A new capability adds its entry here. */
export interface NavItem {
  href: string;
  text: string;
}

export const publicNavigation: NavItem[] = [{ href: '/meetings', text: 'Public meetings' }];

export const staffNavigation: NavItem[] = [
  { href: '/staff', text: 'Staff console' },
  { href: '/staff/meetings', text: 'Meetings' },
];
