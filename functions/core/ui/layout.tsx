/**
 * The page shell: GOV.UK Design System markup with a generic header (no GOV.UK branding), skip link,
 * service navigation (each capability's links, from its manifest) and a footer linking the privacy
 * notice and accessibility statement.
 * Hono's JSX escapes every interpolated value, so user text is always shown as text.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { NavItem } from '../capability.js';
import { config } from '../config.js';
import { publicNavigation, staffConsoleEntries } from '../platform.js';
import { PostForm } from './post-form.js';

export const DATA_ATTRIBUTION =
  'Contains OS data © Crown copyright and database right 2014 and 2023. Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Boundary conversion: Martin Chorley (github.com/martinjc/UK-GeoJSON).';

export interface LayoutProps {
  title: string;
  children?: Child;
  /** Prefixes the title with "Error: " as GOV.UK asks when a form has errors. */
  hasErrors?: boolean;
  /** Staff pages get the staff navigation and a sign-out button. */
  staff?: boolean;
  /** The href of the navigation item to mark as current. */
  current?: string;
  /** Extra elements for the head, e.g. a map stylesheet. */
  head?: Child;
  /** Shown above the main content, e.g. a back link or breadcrumbs. */
  beforeContent?: Child;
  /**
   * What the page is for, in a sentence, for search results (`<meta name="description">`). Public pages
   * should give their own; without one it is the page's title and the organisation's name.
   */
  description?: string;
}

/** A page's description: its own (made one line and cut to about 160 characters at a word), or the default. */
export function pageDescription(title: string, organisationName: string, own?: string): string {
  const text = (own ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return `${title}: ${organisationName}.`;
  if (text.length <= 160) return text;
  return `${text.slice(0, 159).replace(/\s+\S*$/, '')}…`;
}

/** The organisation's brand colour; web/styles/app.scss uses the same value. */
export const BRAND_COLOUR = '#1d3a6e';

function ServiceNavigation({ items, current }: { items: NavItem[]; current?: string }) {
  // As govuk-frontend's template: without a service name the <nav> is the landmark, and with more
  // than one item a "Menu" toggle collapses the list on small screens (only once JavaScript runs).
  return (
    <div class="govuk-service-navigation" data-module="govuk-service-navigation">
      <div class="govuk-width-container">
        <div class="govuk-service-navigation__container">
          <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
            {items.length > 1 ? (
              <button
                type="button"
                class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls="navigation"
                hidden
              >
                Menu
              </button>
            ) : null}
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
    </div>
  );
}

export function Layout({ title, children, hasErrors, staff, current, head, beforeContent, description }: LayoutProps) {
  const { organisationName } = config();
  const fullTitle = `${hasErrors ? 'Error: ' : ''}${title} - ${organisationName}`;
  return (
    <>
      {/* Without a doctype browsers render in quirks mode, which breaks GOV.UK Frontend's layout. */}
      {raw('<!DOCTYPE html>')}
      <html lang="en" class="govuk-template">
        <head>
          <meta charset="utf-8" />
          <title>{fullTitle}</title>
          <meta name="description" content={pageDescription(title, organisationName, description)} />
          <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
          <meta name="theme-color" content={BRAND_COLOUR} />
          <link rel="icon" href="/assets/images/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/assets/app.css" />
          {head}
        </head>
        <body class="govuk-template__body">
          {/* A module, so it runs only where GOV.UK Frontend's JavaScript is supported; pages work without it. */}
          <script type="module" src="/assets/init.js"></script>
          <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
            Skip to main content
          </a>
          <header class="govuk-template__header">
            <div class="govuk-generic-header">
              <div class={`govuk-generic-header__container govuk-width-container${staff ? ' app-header__container' : ''}`}>
                <div class="govuk-generic-header__logo">
                  <a href={staff ? '/staff' : '/'} class="govuk-generic-header__homepage-link">
                    {organisationName}
                  </a>
                </div>
                {staff ? (
                  // A form, not a link: signing out changes something, so it is a post another site cannot make.
                  <PostForm action="/sign-out" class="app-header__sign-out">
                    <button type="submit" class="app-header__sign-out-button">
                      Sign out
                    </button>
                  </PostForm>
                ) : null}
              </div>
            </div>
            <ServiceNavigation
              items={
                staff
                  ? [{ href: '/staff', text: 'Staff console' }, ...staffConsoleEntries().map(({ href, text }) => ({ href, text }))]
                  : publicNavigation()
              }
              current={current}
            />
          </header>
          <div class="govuk-width-container">
            {beforeContent}
            <main class="govuk-main-wrapper" id="main-content">
              {children}
            </main>
          </div>
          <footer class="govuk-template__footer">
            <div class="govuk-footer">
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
                        <a class="govuk-footer__link" href="/sign-in">Staff sign in</a>
                      </li>
                    </ul>
                    <p class="govuk-body-s app-footer__attribution">{DATA_ATTRIBUTION}</p>
                    <p class="govuk-body-s app-footer__copyright">© {organisationName}</p>
                  </div>
                </div>
              </div>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
