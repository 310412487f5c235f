import { afterAll, beforeAll, describe } from '@jest/globals';
import { appendAndReadCases } from './append-read.contract';
import type { HarnessAccess } from './contract-helpers';
import type { EventStoreContractHarness } from './event-store-contract.harness';
import { expectedRevisionCases } from './expected-revision.contract';
import { historyCases } from './history.contract';
import { importCases } from './import.contract';
import { lateCommitCases } from './late-commit.contract';
import { multiStreamAppendCases } from './multi-stream-append.contract';
import { headPositionCases, readAllCases } from './read-all.contract';
import { subscriptionCases } from './subscription.contract';

/**
 * Which optional harness hooks the adapter has. Cases are registered before the harness exists, so this is
 * declared up front; the suite fails if the harness then disagrees. All default to false.
 */
export interface EventStoreContractOptions {
  holdAppendOpen?: boolean;
  attemptRewrite?: boolean;
  /** The store offers `appendToStreams` (atomic multi-stream append). */
  multiStreamAppend?: boolean;
  /** The store offers `importEvents` (exact restore of recorded events). */
  importEvents?: boolean;
  /** The store offers `headPosition` (the log's last position in one read). */
  headPosition?: boolean;
}

/**
 * The behaviour every `EventStore` adapter must have (DESIGN §3). Call it from an adapter's `*.int.spec.ts`;
 * `createHarness` runs once before the cases, `dispose()` once after them.
 */
export const describeEventStoreContract = (
  adapterName: string,
  createHarness: () => Promise<EventStoreContractHarness>,
  options: EventStoreContractOptions = {},
): void => {
  const holdAppendOpen = options.holdAppendOpen ?? false;
  const attemptRewrite = options.attemptRewrite ?? false;
  const multiStreamAppend = options.multiStreamAppend ?? false;
  const importEvents = options.importEvents ?? false;
  const headPosition = options.headPosition ?? false;
  describe(`EventStore contract: ${adapterName}`, () => {
    let harness: EventStoreContractHarness | undefined;
    beforeAll(async () => {
      harness = await createHarness();
      if (
        Boolean(harness.holdAppendOpen) !== holdAppendOpen ||
        Boolean(harness.attemptRewrite) !== attemptRewrite ||
        Boolean(harness.store.appendToStreams) !== multiStreamAppend ||
        Boolean(harness.store.importEvents) !== importEvents ||
        Boolean(harness.store.headPosition) !== headPosition
      ) {
        throw new Error(
          `The ${adapterName} harness hooks do not match the declared options ` +
            `(holdAppendOpen: ${holdAppendOpen}, attemptRewrite: ${attemptRewrite}, multiStreamAppend: ${multiStreamAppend}, importEvents: ${importEvents}, headPosition: ${headPosition})`,
        );
      }
    });
    afterAll(async () => {
      await harness?.dispose();
    });
    const access: HarnessAccess = () => {
      if (!harness) throw new Error(`The ${adapterName} contract harness failed to start`);
      return harness;
    };

    appendAndReadCases(access);
    expectedRevisionCases(access);
    readAllCases(access);
    subscriptionCases(access);
    lateCommitCases(access, adapterName, holdAppendOpen);
    historyCases(access, adapterName, attemptRewrite);
    if (multiStreamAppend) multiStreamAppendCases(access);
    if (importEvents) importCases(access);
    if (headPosition) headPositionCases(access);
  });
};
