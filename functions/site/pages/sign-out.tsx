/** Following an old link or bookmark to /sign-out signs no one out: it offers the button (a form post). */
import { Layout } from '../../core/ui/layout.js';
import { PostForm } from '../../core/ui/post-form.js';

export function SignOutPage() {
  return (
    <Layout title="Sign out">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Sign out</h1>
          <p class="govuk-body">Sign out of the staff console on this device.</p>
          <PostForm action="/sign-out">
            <button type="submit" class="govuk-button" data-module="govuk-button">
              Sign out
            </button>
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}
