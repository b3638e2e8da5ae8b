// Banners for a URL hash or an imported file that did not validate, and the list of every issue in the draft.
import type { ConfigIssue } from '../../core/experiment';
import { useExperimentController, useExperimentSnapshot } from './use-experiment';

function IssueList({ issues }: { issues: readonly ConfigIssue[] }) {
  return (
    <ul>
      {issues.map((issue, i) => <li key={i}>{issue.path === '' ? '' : <code>{issue.path}</code>} {issue.message}</li>)}
    </ul>
  );
}

/** The hash and import banners (dismissable), shown at the top of the section. */
export function LoadBanners() {
  const controller = useExperimentController();
  const { hashIssues, importIssues } = useExperimentSnapshot();
  return (
    <>
      {hashIssues && (
        <div className="banner banner-error" role="alert" data-testid="hash-banner">
          <h2>The experiment in this link is not valid</h2>
          <p>The default experiment is shown instead. Problems with the link:</p>
          <IssueList issues={hashIssues} />
          <button type="button" className="ghost" onClick={() => controller.dismissIssues()}>Dismiss</button>
        </div>
      )}
      {importIssues && (
        <div className="banner banner-error" role="alert" data-testid="import-banner">
          <h2>{importIssues.fileName} was not imported</h2>
          <IssueList issues={importIssues.issues} />
          <button type="button" className="ghost" onClick={() => controller.dismissIssues()}>Dismiss</button>
        </div>
      )}
    </>
  );
}

/** While the draft is invalid, every issue by field (below the editor, so that it never pushes the fields being typed in). */
export function DraftIssues() {
  const { editor } = useExperimentSnapshot();
  if (editor.issues.length === 0) return null;
  return (
    <div className="banner banner-warn" data-testid="draft-issues">
      <h2>{editor.issues.length === 1 ? '1 problem' : `${String(editor.issues.length)} problems`}: the link, export and Simulate use the last valid experiment</h2>
      <IssueList issues={editor.issues} />
    </div>
  );
}
