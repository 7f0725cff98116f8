/**
 * The page shell: GOV.UK Design System markup with a generic header (no GOV.UK branding), skip link,
 * service navigation and a footer linking the privacy notice and accessibility statement.
 * Hono's JSX escapes every interpolated value, so user text is always shown as text.
 */
import type { Child } from 'hono/jsx';
import { config } from './config.js';
import { publicNavigation, staffNavigation, type NavItem } from './navigation.js';

export const DATA_ATTRIBUTION =
  'Contains OS data © Crown copyright and database right 2014 and 2023. Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Boundary conversion: Martin Chorley (github.com/martinjc/UK-GeoJSON).';

export interface LayoutProps {
  title: string;
  children?: Child;
  /** Prefixes the title with "Error: " as GOV.UK asks when a form has errors. */
  hasErrors?: boolean;
  /** Staff pages get the staff navigation and a sign-out link. */
  staff?: boolean;
  /** The href of the navigation item to mark as current. */
  current?: string;
  /** Extra elements for the head, e.g. a map stylesheet. */
  head?: Child;
}

function ServiceNavigation({ items, current }: { items: NavItem[]; current?: string }) {
  return (
    <section class="govuk-service-navigation" aria-label="Service information" data-module="govuk-service-navigation">
      <div class="govuk-width-container">
        <div class="govuk-service-navigation__container">
          <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
            <ul class="govuk-service-navigation__list" id="navigation">
              {items.map((item) => (
                <li
                  class={`govuk-service-navigation__item${item.href === current ? ' govuk-service-navigation__item--active' : ''}`}
                >
                  <a
                    class="govuk-service-navigation__link"
                    href={item.href}
                    aria-current={item.href === current ? 'page' : undefined}
                  >
                    {item.href === current ? <strong class="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}

export function Layout({ title, children, hasErrors, staff, current, head }: LayoutProps) {
  const { organisationName } = config();
  const fullTitle = `${hasErrors ? 'Error: ' : ''}${title} - ${organisationName}`;
  return (
    <html lang="en" class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{fullTitle}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d3a6e" />
        <link rel="stylesheet" href="/assets/app.css" />
        {head}
      </head>
      <body class="govuk-template__body">
        <script type="module" src="/assets/init.js"></script>
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <header class="govuk-generic-header" role="banner">
          <div class="govuk-generic-header__container govuk-width-container">
            <div class="govuk-generic-header__logo">
              <a href={staff ? '/staff' : '/'} class="govuk-generic-header__homepage-link">
                {organisationName}
              </a>
            </div>
          </div>
        </header>
        <ServiceNavigation items={staff ? [...staffNavigation, { href: '/staff/sign-out', text: 'Sign out' }] : publicNavigation} current={current} />
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 class="govuk-visually-hidden">Support links</h2>
                <ul class="govuk-footer__inline-list">
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/privacy">Privacy notice</a>
                  </li>
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/accessibility">Accessibility statement</a>
                  </li>
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/staff">Staff sign in</a>
                  </li>
                </ul>
                <p class="govuk-body-s">{DATA_ATTRIBUTION}</p>
                <p class="govuk-body-s">© {organisationName}</p>
              </div>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
