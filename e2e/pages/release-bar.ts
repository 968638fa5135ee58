/** A versioned record's release bar in the record panel (renderer/CONTEXT.md: release-bar). */
import type { Locator, Page } from '@playwright/test';

export class ReleaseBar {
  readonly root: Locator;
  /** `data-state="released|draft"`. */
  readonly badge: Locator;
  readonly version: Locator;
  /** `data-lifecycle` = the number. */
  readonly lifecycle: Locator;
  /** Why a released record cannot be edited, in words. */
  readonly reason: Locator;
  readonly release: Locator;
  readonly releaseConfirm: Locator;
  readonly releaseConfirmYes: Locator;
  readonly setLifecycle: Locator;
  readonly lifecycleInput: Locator;
  readonly lifecycleApply: Locator;
  readonly newVersion: Locator;
  readonly message: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('release-bar');
    this.badge = this.root.getByTestId('release-badge');
    this.version = this.root.getByTestId('record-version');
    this.lifecycle = this.root.getByTestId('record-lifecycle');
    this.reason = this.root.getByTestId('released-reason');
    this.release = this.root.getByTestId('release-record');
    this.releaseConfirm = this.root.getByTestId('release-confirm');
    this.releaseConfirmYes = this.root.getByTestId('release-confirm-yes');
    this.setLifecycle = this.root.getByTestId('set-lifecycle');
    this.lifecycleInput = this.root.getByTestId('lifecycle-input');
    this.lifecycleApply = this.root.getByTestId('lifecycle-apply');
    this.newVersion = this.root.getByTestId('new-version');
    this.message = this.root.getByTestId('release-message');
  }
}
